using Ipt.Cluster.Live;
using Ipt.Cluster.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Storage;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>The live caseload pipeline's streams: memory streams, tuned for a dashboard's latency.</summary>
public static class IptStreamsHosting
{
    /// <summary>
    /// How often the pulling agents read the queues. Latency follows it: p99 about 100 ms at
    /// Orleans' default, about 13 ms at 10 ms (MACHINE-FACTS.md), within the dashboard's 50 ms.
    /// </summary>
    public static readonly TimeSpan PullingPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Memory streams under <see cref="StreamNames.Provider"/>, and the <c>PubSubStore</c> that
    /// explicit subscriptions (the gateways') need, on the product's grain storage.
    /// </summary>
    public static ISiloBuilder AddIptStreams(this ISiloBuilder silo)
    {
        silo.AddMemoryStreams(StreamNames.Provider, b => b.ConfigurePullingAgent(o => o.Configure(p => p.GetQueueMsgsTimerPeriod = PullingPeriod)));
        silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME,
            static (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main));
        silo.Services.TryAddSingleton<CaseEventPublisher>();
        silo.Services.TryAddSingleton<ClinicEventsOutbox>();
        return silo;
    }

    /// <summary>A client (a gateway of cluster mode) of the same streams.</summary>
    public static IClientBuilder AddIptStreams(this IClientBuilder client) => client.AddMemoryStreams(StreamNames.Provider);
}
