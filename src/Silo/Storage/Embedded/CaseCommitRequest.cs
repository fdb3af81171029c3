using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>An event as it is stored: its sequence, its time in Unix milliseconds, its serialized form.</summary>
internal readonly record struct EventRow(long Sequence, long AtUnixMs, byte[] Payload);

/// <summary>
/// Appends a case's events (and replaces its snapshot when one is given), if and only if the
/// case's last stored event is the one the caller started from. Payloads are serialized by the
/// caller, off the writer thread.
/// </summary>
internal sealed class CaseCommitRequest(
    GrainKey caseKey, long expectedVersion, long newVersion, EventRow[] events, byte[]? snapshot, CancellationToken cancellationToken)
    : WriteRequest<long>(cancellationToken)
{
    private const string SelectVersion =
        "SELECT MAX(seq) FROM case_events WHERE tenant = $tenant AND case_id = $case";

    private const string InsertEvent =
        "INSERT INTO case_events (tenant, case_id, seq, at, payload) VALUES ($tenant, $case, $seq, $at, $payload)";

    private const string UpsertSnapshot = """
        INSERT INTO case_snapshots (tenant, case_id, version, payload) VALUES ($tenant, $case, $version, $payload)
        ON CONFLICT (tenant, case_id) DO UPDATE SET version = excluded.version, payload = excluded.payload
        """;

    protected override long Apply(WriteSession session)
    {
        var tenant = caseKey.Tenant;
        var caseId = caseKey.LocalId;

        var select = session.Statement(SelectVersion);
        select.Parameters.AddWithValue("$tenant", tenant);
        select.Parameters.AddWithValue("$case", caseId);
        var actual = select.ExecuteScalar() is long stored ? stored : 0;
        if (actual != expectedVersion) throw new CaseVersionConflictException(caseKey, expectedVersion, actual);

        foreach (var row in events)
        {
            var insert = session.Statement(InsertEvent);
            insert.Parameters.AddWithValue("$tenant", tenant);
            insert.Parameters.AddWithValue("$case", caseId);
            insert.Parameters.AddWithValue("$seq", row.Sequence);
            insert.Parameters.AddWithValue("$at", row.AtUnixMs);
            insert.Parameters.AddWithValue("$payload", row.Payload);
            insert.ExecuteNonQuery();
        }

        if (snapshot is null) return newVersion;
        var upsert = session.Statement(UpsertSnapshot);
        upsert.Parameters.AddWithValue("$tenant", tenant);
        upsert.Parameters.AddWithValue("$case", caseId);
        upsert.Parameters.AddWithValue("$version", newVersion);
        upsert.Parameters.AddWithValue("$payload", snapshot);
        upsert.ExecuteNonQuery();
        return newVersion;
    }
}
