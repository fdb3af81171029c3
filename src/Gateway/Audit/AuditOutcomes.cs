using Ipt.Cluster.Audit;

namespace Ipt.Cluster.Gateway.Audit;

/// <summary>The audit outcome an HTTP status stands for.</summary>
public static class AuditOutcomes
{
    /// <summary>
    /// 401 AuthenticationFailed, 403 Denied, 404 NotFound (also a resource of another tenant),
    /// any other 4xx Refused (400, 409, 422, and also 412, 429...), 5xx Failed, anything else Success.
    /// </summary>
    public static AuditOutcome FromStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => AuditOutcome.AuthenticationFailed,
        StatusCodes.Status403Forbidden => AuditOutcome.Denied,
        StatusCodes.Status404NotFound => AuditOutcome.NotFound,
        >= 500 => AuditOutcome.Failed,
        >= 400 => AuditOutcome.Refused,
        _ => AuditOutcome.Success,
    };
}
