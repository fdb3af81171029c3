using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>Liveness (the process answers) and readiness (the cluster answers within 2 s); both anonymous.</summary>
public static class HealthHosting
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddIptHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapIptHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new() { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new() { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous().DisableRateLimiting();
        return app;
    }

    /// <summary>Asks the cluster for its hosts: a system grain call that needs no tenant.</summary>
    private sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var hosts = await ActiveHosts().WaitAsync(Timeout, cancellationToken);
                return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)") : HealthCheckResult.Unhealthy("No active silo.");
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return HealthCheckResult.Unhealthy("The cluster did not answer.", e);
            }
        }

        private Task<Dictionary<SiloAddress, SiloStatus>> ActiveHosts() => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
    }
}
