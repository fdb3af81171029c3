using Ipt.Cluster.Grains.Cases;
using Ipt.Cluster.Grains.Clinics;
using Ipt.Cluster.Grains.Security;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Silo.Storage.Embedded;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>
/// Everything a silo of the product needs besides its clustering: storage, tenant isolation,
/// the clock. Used by the silo host, by the gateway's in-process silo in local mode, and by tests.
/// </summary>
public static class IptSiloHosting
{
    /// <summary>The embedded, on-disk store of local mode: the default <c>Storage:Provider</c>.</summary>
    public const string EmbeddedProvider = "Embedded";

    /// <summary>PostgreSQL, the state of record of cluster mode (<c>Storage:Postgres:ConnectionString</c>).</summary>
    public const string PostgresProvider = "Postgres";

    /// <summary>The product's silo services, storage chosen by <c>Storage:Provider</c> (<paramref name="defaultProvider"/> when unset).</summary>
    public static ISiloBuilder AddIptSilo(this ISiloBuilder silo, IConfiguration configuration, string defaultProvider = EmbeddedProvider)
    {
        var provider = configuration["Storage:Provider"] ?? defaultProvider;
        switch (provider)
        {
            case EmbeddedProvider:
                silo.UseEmbeddedStore(configuration).UseEmbeddedReminders();
                break;
            case PostgresProvider:
                silo.UsePostgresStore(configuration);
                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{provider}' is not known; use '{EmbeddedProvider}' or '{PostgresProvider}'.");
        }
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();
        silo.AddIncomingGrainCallFilter<CorrelationScopeFilter>();
        silo.AddIptStreams();
        // The operators' dashboard: its grain service samples each silo; a gateway serves the pages.
        // The grain profiler it adds stays off until someone opens the dashboard.
        if (DashboardEnabled(configuration)) silo.AddDashboard(ConfigureDashboard);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<FlagReviewOptions>().BindConfiguration(FlagReviewOptions.Section);
        silo.Services.AddOptions<CaseloadWatchOptions>().BindConfiguration(CaseloadWatchOptions.Section);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<IptMetrics>();
        if (IptTelemetry.Exporting(configuration)) silo.AddActivityPropagation();
        return silo;
    }

    /// <summary>
    /// Local mode: one silo on localhost, as the README's run command starts it. Ports come from
    /// <c>Orleans:SiloPort</c> and <c>Orleans:GatewayPort</c> (Orleans' defaults otherwise).
    /// </summary>
    public static ISiloBuilder AddIptLocalSilo(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseLocalhostClustering(
                siloPort: configuration.GetValue("Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                gatewayPort: configuration.GetValue("Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT))
            .AddIptSilo(configuration);

    /// <summary>Whether this process runs the Orleans Dashboard (<c>Orleans:Dashboard:Enabled</c>, on unless set to false).</summary>
    public const string DashboardEnabledKey = "Orleans:Dashboard:Enabled";

    /// <summary>
    /// On by default. Off, a process keeps no dashboard at all, nor its metric reader, which asks
    /// every Orleans gauge for its value once a second whatever <see cref="DashboardOptions.CounterUpdateIntervalMs"/>
    /// says: with 100,000 cases active two of them (the catalog's and the directory cache's) took
    /// 60-115 ms of one core per collection, measured with <c>perf</c>. Set it alike on every silo
    /// and gateway of a cluster.
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue(DashboardEnabledKey, true);

    /// <summary>
    /// The Orleans Dashboard's options wherever it runs (silos, and a cluster-mode gateway's client):
    /// no live log stream (log lines are for the logging pipeline), and the silo's statistics sampled
    /// every 5 s. Sampling runs whether anyone watches or not, for charts an operator reads in minutes.
    /// (The dashboard's metric reader keeps its own second: see <see cref="DashboardEnabled"/>.)
    /// </summary>
    public static void ConfigureDashboard(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.HideTrace = true;
        options.CounterUpdateIntervalMs = 5000;
    }
}
