using System.Net;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>
/// Cluster mode: silos and gateways as separate processes that find each other through the
/// membership table in PostgreSQL. The same keys work on one machine and on many (environment
/// variables use <c>__</c>: <c>Orleans__ClusterId</c>, <c>Storage__Postgres__ConnectionString</c>).
/// </summary>
public static class IptClusterHosting
{
    /// <summary>The <c>Clustering:Provider</c> of cluster mode: ADO.NET membership on PostgreSQL.</summary>
    public const string PostgresClustering = "Postgres";

    public const string DefaultClusterId = "ipt";
    public const string DefaultServiceId = "ipt";

    /// <summary>How long a caller waits for a grain call by default in cluster mode (Orleans' own default is 30 s).</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultGatewayListRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A silo of cluster mode: <c>Orleans:ClusterId</c>/<c>Orleans:ServiceId</c>, ports
    /// <c>Orleans:SiloPort</c>/<c>Orleans:GatewayPort</c>, the address other processes reach it at
    /// (<c>Orleans:AdvertisedIP</c>, 127.0.0.1 by default), clustering by <c>Clustering:Provider</c>,
    /// storage by <c>Storage:Provider</c> (Postgres unless set), and the membership protocol with its clean-up of dead silos
    /// (<c>Orleans:Membership</c>, see <see cref="ConfigureMembership"/>).
    /// </summary>
    public static ISiloBuilder AddIptClusterSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var advertised = IPAddress.Parse(configuration["Orleans:AdvertisedIP"] ?? IPAddress.Loopback.ToString());
        silo.Configure<ClusterOptions>(o => ClusterIds(o, configuration))
            .ConfigureEndpoints(
                advertised,
                configuration.GetValue("Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                configuration.GetValue("Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
                listenOnAnyHostAddress: configuration.GetValue("Orleans:ListenOnAnyHostAddress", false))
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(configuration));
        ConfigureMembership(silo.Services, configuration);

        var clustering = configuration["Clustering:Provider"] ?? PostgresClustering;
        if (clustering != PostgresClustering)
        {
            throw new InvalidOperationException($"Clustering:Provider '{clustering}' is not known; cluster mode uses '{PostgresClustering}'.");
        }

        var connectionString = PostgresStoreExtensions.ConnectionString(configuration);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresStoreExtensions.Invariant;
            o.ConnectionString = connectionString;
        });
        return silo.AddIptSilo(configuration, defaultProvider: IptSiloHosting.PostgresProvider);
    }

    /// <summary>
    /// An external client of cluster mode (a gateway process): gateways listed from the membership
    /// table in PostgreSQL, the same ClusterId/ServiceId as the silos, and a bounded
    /// <c>Orleans:ResponseTimeout</c> (5 s by default) so a call to a silo that just died fails
    /// fast instead of hanging for Orleans' 30 s. The list of silos it may connect to is re-read
    /// every <c>Orleans:GatewayListRefreshPeriod</c> (10 s by default, Orleans' is a minute): when
    /// silos die and are replaced, a gateway must not wait a minute to learn of their successors.
    /// </summary>
    public static IClientBuilder AddIptClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var connectionString = PostgresStoreExtensions.ConnectionString(configuration);
        PostgresStoreExtensions.LetNpgsqlErrorsCross(client.Services);
        return client
            .Configure<ClusterOptions>(o => ClusterIds(o, configuration))
            .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout(configuration))
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod =
                configuration.GetValue("Orleans:GatewayListRefreshPeriod", DefaultGatewayListRefreshPeriod))
            .UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresStoreExtensions.Invariant;
                o.ConnectionString = connectionString;
            });
    }

    /// <summary>
    /// Orleans' membership protocol (<c>ClusterMembershipOptions</c>) from <c>Orleans:Membership</c>:
    /// any of its options by name (<c>ProbeTimeout</c>, <c>NumMissedProbesLimit</c>, ...), Orleans'
    /// defaults otherwise, except for clean-up. Dead silos stay in the membership table until cleaned:
    /// Orleans removes dead rows older than <c>DefunctSiloExpiration</c> every
    /// <c>DefunctSiloCleanupPeriod</c> (through the provider's CleanupDefunctSiloEntriesKey query),
    /// never younger than <c>DefunctSiloMinimumRetention</c>. Our defaults: check hourly, remove
    /// after a day, keep at least an hour.
    /// </summary>
    public static void ConfigureMembership(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Orleans:Membership");
        services.Configure<ClusterMembershipOptions>(o =>
        {
            o.DefunctSiloCleanupPeriod = TimeSpan.FromHours(1);
            o.DefunctSiloExpiration = TimeSpan.FromDays(1);
            o.DefunctSiloMinimumRetention = TimeSpan.FromHours(1);
            section.Bind(o);
        });
    }

    private static void ClusterIds(ClusterOptions options, IConfiguration configuration)
    {
        options.ClusterId = configuration["Orleans:ClusterId"] ?? DefaultClusterId;
        options.ServiceId = configuration["Orleans:ServiceId"] ?? DefaultServiceId;
    }

    private static TimeSpan ResponseTimeout(IConfiguration configuration) =>
        configuration.GetValue("Orleans:ResponseTimeout", DefaultResponseTimeout);
}
