using Ipt.Cluster.Ids;
using Npgsql;
using NpgsqlTypes;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// One case commit waiting for the group-commit writer: the rows to write (serialized by the
/// caller, off the writer loop) and the caller waiting for the outcome. Its statement appends the
/// events only if the case's last stored event is the expected version, and replaces the snapshot
/// (when the commit carries one) only if the events went in. A commit from a stale version writes
/// nothing and fails no other commit of its batch: the writer reads per statement whether the
/// events went in.
/// </summary>
internal sealed class PendingCaseCommit(
    GrainKey caseKey, long expectedVersion, long newVersion, byte[]? snapshot,
    long[] sequences, DateTime[] times, byte[][] payloads, CancellationToken cancellationToken)
{
    // Two writers racing from one version both insert event expected+1: the second waits on the
    // first's key entry and, once that commits, fails with a unique violation, so exactly one of
    // them appends (the writer then retries the loser alone, where the guard refuses it).
    private const string Commit = """
        WITH head AS (
            SELECT COALESCE(max(seq), 0) AS version FROM case_events WHERE tenant = @tenant AND case_id = @case),
        events AS (
            INSERT INTO case_events (tenant, case_id, seq, at, payload)
            SELECT @tenant, @case, e.seq, e.at, e.payload FROM unnest(@seqs, @ats, @payloads) AS e(seq, at, payload)
            WHERE (SELECT version FROM head) = @expected
            RETURNING 1),
        snapshot AS (
            INSERT INTO case_snapshots (tenant, case_id, version, payload)
            SELECT @tenant, @case, @version, @snapshot WHERE @snapshot IS NOT NULL AND EXISTS (SELECT 1 FROM events)
            ON CONFLICT (tenant, case_id) DO UPDATE SET version = excluded.version, payload = excluded.payload, updated_at = now()
            RETURNING 1)
        SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM snapshot)
        """;

    // Continuations must not run on the writer loop: that would delay the next batch.
    private readonly TaskCompletionSource<bool> _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainKey Case { get; } = caseKey;

    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>A commit cancelled while still queued is never written.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>True once committed; false when the case's last stored event was not the expected one (nothing written).</summary>
    public Task<bool> Outcome => _moved.Task;

    /// <summary>A fresh statement for a batch (a retry gets a new one: batch commands are not shared).</summary>
    public NpgsqlBatchCommand Statement()
    {
        var statement = new NpgsqlBatchCommand(Commit);
        var parameters = statement.Parameters;
        parameters.AddWithValue("tenant", Case.Tenant);
        parameters.AddWithValue("case", Case.LocalId);
        parameters.AddWithValue("version", newVersion);
        parameters.AddWithValue("expected", ExpectedVersion);
        parameters.AddWithValue("snapshot", NpgsqlDbType.Bytea, (object?)snapshot ?? DBNull.Value);
        parameters.AddWithValue("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint, sequences);
        parameters.AddWithValue("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, times);
        parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea, payloads);
        return statement;
    }

    public void Settle(bool moved) => _moved.TrySetResult(moved);

    public void Fail(Exception error) => _moved.TrySetException(error);

    public void Cancel() => _moved.TrySetCanceled(CancellationToken);
}
