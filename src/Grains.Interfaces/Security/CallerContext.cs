namespace Ipt.Cluster.Security;

/// <summary>
/// The authenticated caller, carried in the Orleans <see cref="RequestContext"/> from the gateway
/// into the silo and on through grain-to-grain calls. The gateway sets it after authentication;
/// the silo's isolation filter checks every application grain call against it.
/// </summary>
public static class CallerContext
{
    public const string TenantKey = "ipt.tenant";
    public const string UserKey = "ipt.user";
    public const string RoleKey = "ipt.role";
    public const string CorrelationKey = "ipt.correlation";

    public static void Set(string? tenant, string user, string role, string? correlationId = null)
    {
        RequestContext.Set(TenantKey, tenant ?? "");
        RequestContext.Set(UserKey, user);
        RequestContext.Set(RoleKey, role);
        if (correlationId is not null) RequestContext.Set(CorrelationKey, correlationId);
    }

    /// <summary>Runs <paramref name="call"/> as the given caller, then clears the request context.</summary>
    public static async Task<T> RunAs<T>(string? tenant, string user, string role, Func<Task<T>> call)
    {
        try
        {
            Set(tenant, user, role);
            return await call();
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    /// <summary>The caller's tenant; null for none (a platform admin, or a call with no caller).</summary>
    public static string? Tenant => RequestContext.Get(TenantKey) is string { Length: > 0 } t ? t : null;

    public static string? Role => RequestContext.Get(RoleKey) as string;

    public static string? CorrelationId => RequestContext.Get(CorrelationKey) as string;

    /// <summary>The caller as an <see cref="Actor"/>; the system when no caller is set.</summary>
    public static Actor Actor => RequestContext.Get(UserKey) is string user && Role is { } role ? new Actor(user, role) : Actor.System;
}
