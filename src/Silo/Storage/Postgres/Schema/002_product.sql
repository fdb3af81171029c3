-- The product's own tables: case history, case snapshots, the audit log.
--
-- Every table starts its key with the tenant, so one tenant's data is a key range: read, exported
-- or erased as a whole. case_events and audit_log are append-only for every writer: triggers refuse
-- UPDATE, DELETE and TRUNCATE. Offboarding a tenant is the one exception, and a deliberate one: in
-- a transaction that first runs SET LOCAL ipt.erase_tenant = '<tenant>', rows of that tenant (and
-- only those) may be deleted.

CREATE FUNCTION ipt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.tenant = current_setting('ipt.erase_tenant', true) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$f$;

CREATE FUNCTION ipt_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$f$;

-- A case's history: events numbered 1, 2, 3... with no gaps. The key is the last line of defence
-- against a sequence number written twice.
CREATE TABLE case_events (
    tenant  varchar(64)  NOT NULL,
    case_id varchar(64)  NOT NULL,
    seq     bigint       NOT NULL CHECK (seq > 0),
    at      timestamptz  NOT NULL,
    payload bytea        NOT NULL,
    PRIMARY KEY (tenant, case_id, seq)
);

CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION ipt_refuse_change();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION ipt_refuse_truncate();

-- The latest state of each case, after `version` events; replaced in the same statement that
-- appends the events, guarded by the version the writer started from.
CREATE TABLE case_snapshots (
    tenant     varchar(64) NOT NULL,
    case_id    varchar(64) NOT NULL,
    version    bigint      NOT NULL CHECK (version > 0),
    payload    bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, case_id)
);

-- The audit log. id is the append order and the order auditors page in (newest first). tenant is
-- '' for records with no tenant (an authentication failure without a valid token): no tenant's
-- auditor sees them. at keeps microseconds, PostgreSQL's precision.
CREATE TABLE audit_log (
    tenant         varchar(64)  NOT NULL,
    id             bigint       GENERATED ALWAYS AS IDENTITY,
    at             timestamptz  NOT NULL,
    user_id        varchar(128) NULL,
    role           varchar(64)  NULL,
    action         varchar(128) NOT NULL,
    resource       text         NOT NULL,
    case_id        varchar(64)  NULL,
    outcome        varchar(32)  NOT NULL,
    correlation_id varchar(128) NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX audit_log_by_case ON audit_log (tenant, case_id, id);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION ipt_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION ipt_refuse_truncate();
