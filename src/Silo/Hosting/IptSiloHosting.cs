using Ipt.Cluster.Grains.Security;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>
/// Everything a silo of the product needs besides its clustering: storage, tenant isolation,
/// the clock. Used by the silo host, by the gateway's in-process silo in local mode, and by tests.
/// </summary>
public static class IptSiloHosting
{
    public static ISiloBuilder AddIptSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.UseEmbeddedStore(configuration);
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }

    /// <summary>Local mode: one silo on localhost, as the README's run command starts it.</summary>
    public static ISiloBuilder AddIptLocalSilo(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseLocalhostClustering().AddIptSilo(configuration);
}
