using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// Cases in PostgreSQL: events in <c>case_events</c>, the latest snapshot in <c>case_snapshots</c>.
/// A commit is ONE statement, hence one transaction and one round trip: it moves the snapshot
/// from the expected version to the new one (the UPDATE locks the row and re-checks the version;
/// a first commit inserts it) and appends the events only if that happened. Two writers racing
/// from the same version: one moves the snapshot, the other finds the version gone and writes
/// nothing. The (tenant, case_id, seq) key would refuse a duplicate sequence even so.
/// Payloads use the Orleans serializer, as the embedded store does.
/// </summary>
public sealed class PostgresCaseStore(PostgresDatabase database, Serializer serializer) : ICaseStore
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

    public async Task<StoredCase?> LoadAsync(GrainKey caseKey, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT version, payload FROM case_snapshots WHERE tenant = @tenant AND case_id = @case");
        command.Parameters.AddWithValue("tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("case", caseKey.LocalId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredCase(reader.GetInt64(0), Decode<CaseState>(reader.GetFieldValue<byte[]>(1)));
    }

    public async Task CommitAsync(CaseCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var count = commit.Events.Count;
        var sequences = new long[count];
        var times = new DateTime[count];
        var payloads = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var recorded = commit.Events[i];
            var expectedSequence = commit.ExpectedVersion + 1 + i;
            if (recorded.Sequence != expectedSequence)
            {
                throw new ArgumentException(
                    $"Event {i} of the commit to '{commit.Case}' has sequence {recorded.Sequence}, not {expectedSequence}.", nameof(commit));
            }

            sequences[i] = recorded.Sequence;
            times[i] = recorded.At.UtcDateTime;
            payloads[i] = serializer.SerializeToArray(recorded);
        }

        await using var command = database.DataSource.CreateCommand(commit.ExpectedVersion == 0 ? FirstCommit : NextCommit);
        var parameters = command.Parameters;
        parameters.AddWithValue("tenant", commit.Case.Tenant);
        parameters.AddWithValue("case", commit.Case.LocalId);
        parameters.AddWithValue("version", commit.NewVersion);
        parameters.AddWithValue("expected", commit.ExpectedVersion);
        parameters.AddWithValue("snapshot", serializer.SerializeToArray(commit.Snapshot));
        parameters.AddWithValue("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint, sequences);
        parameters.AddWithValue("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, times);
        parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea, payloads);

        long snapshots;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            snapshots = reader.GetInt64(0);
        }
        catch (PostgresException duplicate) when (duplicate.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Only reachable if events were written without their snapshot; still: nothing was written.
            throw new CaseVersionConflictException(commit.Case, commit.ExpectedVersion, await StoredVersionAsync(commit.Case, cancellationToken));
        }

        if (snapshots != 1)
        {
            throw new CaseVersionConflictException(commit.Case, commit.ExpectedVersion, await StoredVersionAsync(commit.Case, cancellationToken));
        }
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadHistoryAsync(
        GrainKey caseKey, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = database.DataSource.CreateCommand("""
            SELECT payload FROM case_events
            WHERE tenant = @tenant AND case_id = @case AND seq > @after
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.AddWithValue("tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("case", caseKey.LocalId);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken)) events.Add(Decode<RecordedEvent>(reader.GetFieldValue<byte[]>(0)));
        return events;
    }

    /// <summary>The version actually stored, for the conflict's message (0: never committed).</summary>
    private async Task<long> StoredVersionAsync(GrainKey caseKey, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT version FROM case_snapshots WHERE tenant = @tenant AND case_id = @case");
        command.Parameters.AddWithValue("tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("case", caseKey.LocalId);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    private T Decode<T>(byte[] payload) where T : class =>
        serializer.Deserialize<T>(payload) ?? throw new InvalidDataException($"A stored {typeof(T).Name} decoded to null.");
}
