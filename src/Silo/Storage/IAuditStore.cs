using Ipt.Cluster.Audit;

namespace Ipt.Cluster.Silo.Storage;

/// <summary>
/// The append-only audit log. <see cref="AppendAsync"/> completes only when the record is durable;
/// the gateway fails the request otherwise. Implementations batch concurrent appends into one
/// commit, so auditing costs a read little more than waiting for the next group commit.
/// </summary>
public interface IAuditStore
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>A tenant's records matching the filter, newest first, after an opaque cursor.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Filters for the auditor: all optional except the tenant.</summary>
public sealed record AuditQuery(string TenantId, string? UserId = null, string? CaseId = null, string? Action = null,
    AuditOutcome? Outcome = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Cursor = null, int Limit = 50);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? NextCursor);
