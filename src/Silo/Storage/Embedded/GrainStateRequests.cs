using System.Globalization;
using Orleans.Storage;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>Identifies one named state of one grain in <c>grain_state</c>.</summary>
internal readonly record struct GrainStateRow(string GrainType, string GrainKey, string StateName, string? Tenant)
{
    public const string SelectEtag =
        "SELECT etag FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $state";

    /// <summary>Fails the request alone when the stored etag is not the one the grain last saw.</summary>
    public long? CheckEtag(WriteSession session, string? expectedEtag)
    {
        var select = session.Statement(SelectEtag);
        Bind(select.Parameters);
        long? stored = select.ExecuteScalar() is long etag ? etag : null;
        var storedText = stored?.ToString(CultureInfo.InvariantCulture);
        if (!string.Equals(storedText, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{StateName}' of grain {GrainType}/{GrainKey} was written by someone else.", storedText, expectedEtag);
        }

        return stored;
    }

    public void Bind(Microsoft.Data.Sqlite.SqliteParameterCollection parameters)
    {
        parameters.AddWithValue("$type", GrainType);
        parameters.AddWithValue("$key", GrainKey);
        parameters.AddWithValue("$state", StateName);
    }
}

/// <summary>Stores a grain's state if its etag still matches; yields the new etag.</summary>
internal sealed class WriteGrainStateRequest(GrainStateRow row, string? expectedEtag, byte[] payload)
    : WriteRequest<long>(CancellationToken.None)
{
    private const string Upsert = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, tenant, etag, payload)
        VALUES ($type, $key, $state, $tenant, $etag, $payload)
        ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET etag = excluded.etag, payload = excluded.payload
        """;

    protected override long Apply(WriteSession session)
    {
        var next = (row.CheckEtag(session, expectedEtag) ?? 0) + 1;
        var upsert = session.Statement(Upsert);
        row.Bind(upsert.Parameters);
        upsert.Parameters.AddWithValue("$tenant", (object?)row.Tenant ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$etag", next);
        upsert.Parameters.AddWithValue("$payload", payload);
        upsert.ExecuteNonQuery();
        return next;
    }
}

/// <summary>
/// Erases a grain's state if its etag still matches. The row stays as a tombstone with a new etag
/// and no payload, so an activation that read before the clear cannot write over it unnoticed.
/// Yields the tombstone's etag, or null when there was nothing to clear.
/// </summary>
internal sealed class ClearGrainStateRequest(GrainStateRow row, string? expectedEtag)
    : WriteRequest<long?>(CancellationToken.None)
{
    private const string Clear =
        "UPDATE grain_state SET etag = $etag, payload = NULL WHERE grain_type = $type AND grain_key = $key AND state_name = $state";

    protected override long? Apply(WriteSession session)
    {
        if (row.CheckEtag(session, expectedEtag) is not { } stored) return null;
        var clear = session.Statement(Clear);
        row.Bind(clear.Parameters);
        clear.Parameters.AddWithValue("$etag", stored + 1);
        clear.ExecuteNonQuery();
        return stored + 1;
    }
}
