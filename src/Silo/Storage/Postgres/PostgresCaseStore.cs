using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// Cases in PostgreSQL: events in <c>case_events</c>, the snapshot (written every few events, see
/// <see cref="CaseCommit.Snapshot"/>) in <c>case_snapshots</c>. A commit is ONE statement: it
/// appends the events only if the case's last stored event is the expected version, and replaces
/// the snapshot, when the commit carries one, only if they went in (<see cref="PendingCaseCommit"/>).
/// Two writers racing from the same version: the (tenant, case_id, seq) key lets only one append.
/// Commits are group-committed (<see cref="PostgresCaseWriter"/>): many cases share one
/// transaction, and each caller is answered after that COMMIT. Payloads use the Orleans
/// serializer, as the embedded store does.
/// </summary>
public sealed class PostgresCaseStore : ICaseStore, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly Serializer _serializer;
    private readonly PostgresCaseWriter _writer;

    public PostgresCaseStore(PostgresDatabase database, Serializer serializer, ILogger<PostgresCaseStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _serializer = serializer;
        _writer = new PostgresCaseWriter(
            database.DataSource, database.Options.CaseWriters, database.Options.CaseBatchSize, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>Committed transactions and case commits since start (for measurement).</summary>
    public (long Batches, long Commits) Committed => _writer.Committed;

    public async Task<StoredCase?> LoadAsync(GrainKey caseKey, CancellationToken cancellationToken = default)
    {
        // One statement, so the snapshot and the events after it come from the same snapshot of the
        // database; the few events are put in order here rather than by a sort of every row.
        await using var command = _database.DataSource.CreateCommand("""
            SELECT 0, version, payload FROM case_snapshots WHERE tenant = @tenant AND case_id = @case
            UNION ALL
            SELECT 1, seq, payload FROM case_events
            WHERE tenant = @tenant AND case_id = @case
              AND seq > COALESCE((SELECT version FROM case_snapshots WHERE tenant = @tenant AND case_id = @case), 0)
            """);
        command.Parameters.AddWithValue("tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("case", caseKey.LocalId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await CaseRows.ReadCaseAsync(reader, _serializer, cancellationToken);
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
            payloads[i] = _serializer.SerializeToArray(recorded);
        }

        var pending = new PendingCaseCommit(
            commit.Case, commit.ExpectedVersion, commit.NewVersion, commit.Snapshot is null ? null : _serializer.SerializeToArray(commit.Snapshot),
            sequences, times, payloads, cancellationToken);
        bool moved;
        try
        {
            moved = await _writer.CommitAsync(pending);
        }
        catch (PostgresException duplicate) when (duplicate.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A writer racing from the same version appended first (its events hold our sequence numbers): nothing was written.
            moved = false;
        }

        if (!moved)
        {
            throw new CaseVersionConflictException(commit.Case, commit.ExpectedVersion, await StoredVersionAsync(commit.Case, cancellationToken));
        }
    }

    /// <summary>Stops taking commits and writes what is already queued.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public async Task<IReadOnlyList<RecordedEvent>> ReadHistoryAsync(
        GrainKey caseKey, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _database.DataSource.CreateCommand("""
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
        while (await reader.ReadAsync(cancellationToken)) events.Add(CaseRows.Decode<RecordedEvent>(_serializer, reader.GetFieldValue<byte[]>(0)));
        return events;
    }

    /// <summary>The case's last stored event, for the conflict's message (0: never committed).</summary>
    private async Task<long> StoredVersionAsync(GrainKey caseKey, CancellationToken cancellationToken)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT max(seq) FROM case_events WHERE tenant = @tenant AND case_id = @case");
        command.Parameters.AddWithValue("tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("case", caseKey.LocalId);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }
}
