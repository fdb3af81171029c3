using Ipt.Cluster.Grains.Tenants;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Grains.Security;

/// <summary>
/// Silo-side tenant isolation: a call to an application grain runs only when the caller's tenant
/// (from the request context) is the tenant in the grain's key. The gateway checks this too, but
/// the silo never trusts the gateway alone. Platform admins may reach tenant grains only, to
/// create and list tenants. Grain-to-grain calls inherit the caller's context, so they pass.
/// </summary>
public sealed class TenantIsolationFilter : IIncomingGrainCallFilter
{
    private static readonly System.Reflection.Assembly Product = typeof(TenantGrain).Assembly;
    private static readonly System.Reflection.Assembly Contracts = typeof(ITenantGrain).Assembly;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is null || context.Grain.GetType().Assembly != Product) return context.Invoke();
        if (context.Grain is IRemindable && context.MethodName == nameof(IRemindable.ReceiveReminder)) return context.Invoke();
        // Orleans' own extensions of a product grain (stream deliveries) carry no caller: the grain
        // itself handles what they deliver, inside its own tenant.
        if (context.InterfaceMethod?.DeclaringType?.Assembly is { } contract && contract != Contracts) return context.Invoke();

        var keyTenant = GrainKey.TryParse(context.TargetId.Key.ToString(), out var key) ? key.Value.Tenant : null;
        var callerTenant = CallerContext.Tenant;
        if (keyTenant is not null && callerTenant == keyTenant) return context.Invoke();
        if (CallerContext.Role == Roles.PlatformAdmin && callerTenant is null && context.Grain is ITenantGrain) return context.Invoke();

        throw new TenantIsolationException(
            $"Denied: {context.InterfaceName}.{context.MethodName} on a grain of another tenant, or without a caller.");
    }
}
