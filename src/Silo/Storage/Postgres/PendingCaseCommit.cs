using Ipt.Cluster.Ids;
using Npgsql;
using NpgsqlTypes;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// One case commit waiting for the group-commit writer: the rows to write (serialized by the
/// caller, off the writer loop) and the caller waiting for the outcome. Its statement moves the
/// snapshot from the expected version to the new one and appends the events only if that
/// happened, so a commit from a stale version writes nothing and fails no other commit of its
/// batch: the writer reads per statement whether the snapshot moved.
/// </summary>
internal sealed class PendingCaseCommit(
    GrainKey caseKey, long expectedVersion, long newVersion, byte[] snapshot,
    long[] sequences, DateTime[] times, byte[][] payloads, CancellationToken cancellationToken)
{
    private const string FirstCommit = """
        WITH snapshot AS (
            INSERT INTO case_snapshots (tenant, case_id, version, payload) VALUES (@tenant, @case, @version, @snapshot)
            ON CONFLICT (tenant, case_id) DO NOTHING
            RETURNING 1),
        events AS (
            INSERT INTO case_events (tenant, case_id, seq, at, payload)
            SELECT @tenant, @case, e.seq, e.at, e.payload FROM unnest(@seqs, @ats, @payloads) AS e(seq, at, payload)
            WHERE EXISTS (SELECT 1 FROM snapshot)
            RETURNING 1)
        SELECT (SELECT count(*) FROM snapshot), (SELECT count(*) FROM events)
        """;

    // The UPDATE locks the row and re-checks the version after any concurrent writer committed:
    // of two writers racing from one version, exactly one moves the snapshot.
    private const string NextCommit = """
        WITH snapshot AS (
            UPDATE case_snapshots SET version = @version, payload = @snapshot, updated_at = now()
            WHERE tenant = @tenant AND case_id = @case AND version = @expected
            RETURNING 1),
        events AS (
            INSERT INTO case_events (tenant, case_id, seq, at, payload)
            SELECT @tenant, @case, e.seq, e.at, e.payload FROM unnest(@seqs, @ats, @payloads) AS e(seq, at, payload)
            WHERE EXISTS (SELECT 1 FROM snapshot)
            RETURNING 1)
        SELECT (SELECT count(*) FROM snapshot), (SELECT count(*) FROM events)
        """;

    // Continuations must not run on the writer loop: that would delay the next batch.
    private readonly TaskCompletionSource<bool> _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainKey Case { get; } = caseKey;

    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>A commit cancelled while still queued is never written.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>True once committed; false when the stored version was not the expected one (nothing written).</summary>
    public Task<bool> Outcome => _moved.Task;

    /// <summary>A fresh statement for a batch (a retry gets a new one: batch commands are not shared).</summary>
    public NpgsqlBatchCommand Statement()
    {
        var statement = new NpgsqlBatchCommand(ExpectedVersion == 0 ? FirstCommit : NextCommit);
        var parameters = statement.Parameters;
        parameters.AddWithValue("tenant", Case.Tenant);
        parameters.AddWithValue("case", Case.LocalId);
        parameters.AddWithValue("version", newVersion);
        parameters.AddWithValue("expected", ExpectedVersion);
        parameters.AddWithValue("snapshot", snapshot);
        parameters.AddWithValue("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint, sequences);
        parameters.AddWithValue("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, times);
        parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea, payloads);
        return statement;
    }

    public void Settle(bool moved) => _moved.TrySetResult(moved);

    public void Fail(Exception error) => _moved.TrySetException(error);

    public void Cancel() => _moved.TrySetCanceled(CancellationToken);
}
