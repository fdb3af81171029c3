namespace Ipt.Cluster.Gateway.Audit;

/// <summary>Actions the audit pieces record by themselves; PHI endpoints name theirs with <c>Audited(action)</c>.</summary>
public static class AuditActions
{
    /// <summary>A 401 outside an audited endpoint: no valid credentials.</summary>
    public const string Authenticate = "authenticate";

    /// <summary>A 403 outside an audited endpoint: valid credentials, no permission.</summary>
    public const string Authorize = "authorize";

    /// <summary>An auditor read the audit log.</summary>
    public const string ReadAuditLog = "audit.read";
}

/// <summary>Endpoint metadata naming the action an audited endpoint records.</summary>
public sealed record AuditActionMetadata(string Action);
