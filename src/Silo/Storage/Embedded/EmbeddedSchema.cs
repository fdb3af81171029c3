using Microsoft.Data.Sqlite;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The tables of an embedded database file, created idempotently at open. A file written by a
/// newer schema is refused rather than written with assumptions that no longer hold.
/// Step n+1 of <see cref="Migrations"/> takes a file from version n to n+1. Steps only add; each
/// is idempotent, so a step interrupted before its version row was recorded runs again safely.
/// </summary>
internal sealed class EmbeddedSchema(string fileName, params string[] migrations)
{
    /// <summary>
    /// The main file: cases, grain state and reminders. Its step 2 created the audit log here before
    /// the log had a file of its own; that table only keeps what was written then (moved on by
    /// <see cref="EmbeddedAuditLog"/>), and steps are never taken back.
    /// </summary>
    public static readonly EmbeddedSchema Main = new("ipt.db", CasesAndGrainState, AuditLog, Reminders);

    /// <summary>
    /// The audit log's own file, so reads' audit records never wait behind case commits, nor these
    /// behind them. Its step 2 drops the by-case index, kept in a file of its own since (<see cref="AuditCases"/>).
    /// </summary>
    public static readonly EmbeddedSchema Audit = new("audit.db", AuditLog, "DROP INDEX IF EXISTS audit_log_by_tenant_case;");

    /// <summary>The audit log's by-case index, derived from the log in large batches (<see cref="AuditCaseIndex"/>).</summary>
    public static readonly EmbeddedSchema AuditCases = new("audit-cases.db", AuditCaseIndex);

    public string FileName { get; } = fileName;

    public IReadOnlyList<string> Migrations { get; } = migrations;

    /// <summary>The newest schema this build writes: the number of <see cref="Migrations"/>.</summary>
    public int Version => Migrations.Count;

    // Times are stored as Unix milliseconds for range queries; the payload keeps the exact value.
    // grain_state carries the tenant named by the grain key (null for Orleans' own grains) and the
    // state name, since one grain may persist several named states.
    private const string CasesAndGrainState = """
        CREATE TABLE IF NOT EXISTS case_events (
            tenant  TEXT    NOT NULL,
            case_id TEXT    NOT NULL,
            seq     INTEGER NOT NULL,
            at      INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            PRIMARY KEY (tenant, case_id, seq)
        );
        CREATE TABLE IF NOT EXISTS case_snapshots (
            tenant  TEXT    NOT NULL,
            case_id TEXT    NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            PRIMARY KEY (tenant, case_id)
        );
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT    NOT NULL,
            grain_key  TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            tenant     TEXT    NULL,
            etag       INTEGER NOT NULL,
            payload    BLOB    NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        );
        CREATE INDEX IF NOT EXISTS grain_state_by_tenant ON grain_state (tenant) WHERE tenant IS NOT NULL;
        """;

    // Orleans' reminders (EmbeddedReminderTable), so that a case's daily flag review outlives a
    // restart. grain_hash is the grain id's uniform hash, which the reminder service reads by range;
    // start_at and period are .NET ticks (UTC), kept exact. The tenant is the first part of the key
    // in grain_id ("type/tenant/..."), as in PostgreSQL's orleans_reminders: no column repeats it.
    private const string Reminders = """
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            etag          INTEGER NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;

    // The audit log. id is the append order (AUTOINCREMENT: an id is never reused, even after the
    // newest rows of a tenant are erased), and the order auditors page in. at is UTC as fixed-width
    // ISO 8601 text, so it sorts and compares as written and reads plainly in an export. tenant is
    // '' for records with no tenant (an authentication failure without a valid token). Every index
    // starts with tenant, so one tenant's log is read, exported or erased as a range. The triggers
    // make the table append-only for any writer: erasing a tenant's log on offboarding is a
    // deliberate operator step that has to drop them first.
    private const string AuditLog = """
        CREATE TABLE IF NOT EXISTS audit_log (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant         TEXT    NOT NULL,
            at             TEXT    NOT NULL,
            user_id        TEXT    NULL,
            role           TEXT    NULL,
            action         TEXT    NOT NULL,
            resource       TEXT    NOT NULL,
            case_id        TEXT    NULL,
            outcome        TEXT    NOT NULL,
            correlation_id TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_log_by_tenant ON audit_log (tenant, id);
        CREATE INDEX IF NOT EXISTS audit_log_by_tenant_case ON audit_log (tenant, case_id, id);
        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """;

    // The audit log's by-case index, kept in large batches instead of row by row. Every record's
    // entry in an index by case lands on its case's page, so each group commit of a few dozen records
    // rewrote as many scattered pages (and checkpointed them again). Here one batch writes each page
    // once for many records, in a file of its own, so that appends never wait for a batch.
    // audit_log_cases holds the case entries of every record up to audit_log_cases_through.id; the
    // records after it are found by scanning them (EmbeddedAuditStore's case query reads both parts).
    // Everything here is derived from audit_log: a lost or deleted file is rebuilt at open.
    private const string AuditCaseIndex = """
        CREATE TABLE IF NOT EXISTS audit_log_cases (
            tenant  TEXT    NOT NULL,
            case_id TEXT    NOT NULL,
            id      INTEGER NOT NULL,
            PRIMARY KEY (tenant, case_id, id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit_log_cases_through (
            only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
            id       INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO audit_log_cases_through (only_row, id) VALUES (1, 0);
        """;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_at TEXT    NOT NULL
        );
        """;

    /// <summary>Brings the database up to <see cref="Version"/> in one transaction, step by step.</summary>
    public void Apply(SqliteConnection connection) => Apply(connection, Version);

    /// <summary>Applies the steps up to <paramref name="target"/> only; tests use it to build an older database.</summary>
    internal void Apply(SqliteConnection connection, int target)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, CreateVersionTable);

        using var current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT MAX(version) FROM schema_version";
        var found = current.ExecuteScalar() is long v ? (int)v : 0;
        if (found > Version)
        {
            throw new InvalidOperationException(
                $"The embedded database {FileName} has schema version {found}; this build knows up to {Version}.");
        }

        for (var step = found + 1; step <= target; step++)
        {
            Execute(connection, transaction, Migrations[step - 1]);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($v, $at)";
            record.Parameters.AddWithValue("$v", step);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    internal static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
