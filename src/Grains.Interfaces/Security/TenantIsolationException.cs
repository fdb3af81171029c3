namespace Ipt.Cluster.Security;

/// <summary>
/// Thrown by the silo when a call reaches a grain of another tenant than the caller's, or carries
/// no caller at all. The gateway answers it exactly like a missing resource.
/// </summary>
[GenerateSerializer, Alias("ipt.TenantIsolationException")]
public sealed class TenantIsolationException : Exception
{
    public TenantIsolationException() { }

    public TenantIsolationException(string message) : base(message) { }

    public TenantIsolationException(string message, Exception inner) : base(message, inner) { }
}
