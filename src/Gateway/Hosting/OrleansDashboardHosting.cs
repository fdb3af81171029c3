using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Silo.Hosting;
using Orleans.Dashboard;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>
/// The Orleans Dashboard (the operators' view of silos, grain types, calls and errors) at
/// <c>/orleans</c>, for the platform admin only, every access audited. It shows the cluster, never
/// tenant data: the views that name single grains (a grain's state, the reminder list with every
/// case's key) answer 404, and the live log stream is off. The silos run its grain service
/// (<c>AddIptSilo</c>); a gateway of cluster mode reads it through its cluster client.
/// </summary>
public static class OrleansDashboardHosting
{
    public const string Prefix = "/orleans";
    public const string AuditAction = "orleans.dashboard";

    /// <summary>Dashboard views that would show a tenant's grains one by one: never served.</summary>
    private static readonly string[] TenantDataViews = [Prefix + "/GrainState", Prefix + "/Reminders", Prefix + "/Trace"];

    /// <summary>The dashboard client of a cluster-mode gateway (local mode has the silo's own), with the silos' options.</summary>
    public static IClientBuilder AddIptDashboardClient(this IClientBuilder client) => client.AddDashboard(IptSiloHosting.ConfigureDashboard);

    /// <summary>Maps the dashboard under <paramref name="audited"/> (a group whose endpoints are audited).</summary>
    public static IEndpointRouteBuilder MapIptOrleansDashboard(this IEndpointRouteBuilder audited)
    {
        audited.MapOrleansDashboard(routePrefix: Prefix)
            .RequireAuthorization(Policies.PlatformAdmin)
            .Audited(AuditAction)
            // Not part of the product's API: kept out of the OpenAPI document.
            .ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
                IsTenantDataView(context.HttpContext.Request.Path) || !NamesASiloOrNothing(context.HttpContext.Request.RouteValues)
                    ? GatewayProblems.ResourceNotFound().ToResult()
                    : await next(context));
        return audited;
    }

    /// <summary>
    /// The per-silo views take a silo address from the path; the dashboard would fail on any other
    /// text (activating a proxy grain for it, then a 500), so anything else is a silo that does not exist.
    /// </summary>
    private static bool NamesASiloOrNothing(RouteValueDictionary route)
    {
        if ((route["address"] ?? route["path"]) is not string silo) return true;
        try
        {
            _ = SiloAddress.FromParsableString(silo);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsTenantDataView(PathString path) =>
        TenantDataViews.Any(view => path.StartsWithSegments(view, StringComparison.OrdinalIgnoreCase));
}
