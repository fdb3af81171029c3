using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Orleans.Serialization;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// Cases in the embedded database: events in <c>case_events</c>, the snapshot (written every so
/// often, see <see cref="CaseCommit.Snapshot"/>) in <c>case_snapshots</c>, both written in one
/// group-committed transaction. Payloads use the Orleans serializer, which tolerates added fields
/// in the <c>[GenerateSerializer]</c> contracts.
/// </summary>
public sealed class EmbeddedCaseStore(EmbeddedDatabase database, Serializer serializer) : ICaseStore
{
    // One statement, so the snapshot and the events after it come from the same read. No ORDER BY:
    // SQLite would copy every row, the snapshot's blob included, into a temporary b-tree to sort
    // it; the few events are put in order by the caller instead.
    private const string SelectCase = """
        SELECT 0, version, payload FROM case_snapshots WHERE tenant = $tenant AND case_id = $case
        UNION ALL
        SELECT 1, seq, payload FROM case_events
        WHERE tenant = $tenant AND case_id = $case
          AND seq > COALESCE((SELECT version FROM case_snapshots WHERE tenant = $tenant AND case_id = $case), 0)
        """;

    public async Task<StoredCase?> LoadAsync(GrainKey caseKey, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SelectCase;
        command.Parameters.AddWithValue("$tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("$case", caseKey.LocalId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await CaseRows.ReadCaseAsync(reader, serializer, cancellationToken);
    }

    public Task CommitAsync(CaseCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var events = new EventRow[commit.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var recorded = commit.Events[i];
            var expectedSequence = commit.ExpectedVersion + 1 + i;
            if (recorded.Sequence != expectedSequence)
            {
                throw new ArgumentException(
                    $"Event {i} of the commit to '{commit.Case}' has sequence {recorded.Sequence}, not {expectedSequence}.", nameof(commit));
            }

            events[i] = new EventRow(recorded.Sequence, recorded.At.ToUnixTimeMilliseconds(), serializer.SerializeToArray(recorded));
        }

        var request = new CaseCommitRequest(
            commit.Case, commit.ExpectedVersion, commit.NewVersion, events,
            commit.Snapshot is null ? null : serializer.SerializeToArray(commit.Snapshot), cancellationToken);
        return database.WriteAsync(request, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadHistoryAsync(
        GrainKey caseKey, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload FROM case_events
            WHERE tenant = $tenant AND case_id = $case AND seq > $after
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$tenant", caseKey.Tenant);
        command.Parameters.AddWithValue("$case", caseKey.LocalId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(CaseRows.Decode<RecordedEvent>(serializer, reader.GetFieldValue<byte[]>(0)));
        }

        return events;
    }
}
