namespace Ipt.Cluster.Audit;

/// <summary>
/// One entry of the append-only audit log: who (user, tenant, role) did what (action) to which
/// resource (and case), when (UTC), with what outcome, under which correlation id. Every read and
/// write of case data, every denial and every authentication failure leaves one. Never holds PHI
/// beyond ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string? UserId,
    [property: Id(2)] string? TenantId,
    [property: Id(3)] string? Role,
    [property: Id(4)] string Action,
    [property: Id(5)] string Resource,
    [property: Id(6)] string? CaseId,
    [property: Id(7)] AuditOutcome Outcome,
    [property: Id(8)] string CorrelationId);

[GenerateSerializer, Alias("ipt.AuditOutcome")]
public enum AuditOutcome { Success = 0, Refused = 1, Denied = 2, NotFound = 3, AuthenticationFailed = 4, Failed = 5 }
