using Ipt.Cluster.Live;
using Ipt.Cluster.Grains.Cases;
using Ipt.Cluster.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Placement;
using Orleans.Storage;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>The live caseload pipeline's streams: memory streams, tuned for a dashboard's latency (<see cref="StreamQueueOptions"/>).</summary>
public static class IptStreamsHosting
{
    /// <summary>
    /// Memory streams under <see cref="StreamNames.Provider"/>, each queue kept beside the agent that
    /// reads it (<see cref="StreamQueuePlacement"/>), and the <c>PubSubStore</c> that explicit
    /// subscriptions (the gateways') need, on the product's grain storage.
    /// </summary>
    public static ISiloBuilder AddIptStreams(this ISiloBuilder silo)
    {
        silo.AddMemoryStreams(StreamNames.Provider, b =>
        {
            b.Configure<HashRingStreamQueueMapperOptions>(ConfigureQueues);
            b.ConfigurePullingAgent(o => o.Configure<IConfiguration>((agent, configuration) => agent.GetQueueMsgsTimerPeriod = Settings(configuration).PullingPeriod));
        });
        silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME,
            static (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main));
        silo.Services.AddSingleton<IPlacementStrategyResolver, StreamQueuePlacementResolver>();
        silo.Services.AddPlacementDirector<StreamQueuePlacement, StreamQueuePlacementDirector>();
        silo.AddIncomingGrainCallFilter<StreamQueueHomingFilter>();
        silo.Services.TryAddSingleton<CaseEventPublisher>();
        // The outbox counts what it publishes: its meter comes with it, as with the PostgreSQL store.
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<IptMetrics>();
        silo.Services.TryAddSingleton<ClinicEventsOutbox>();
        return silo;
    }

    /// <summary>A client (a gateway of cluster mode) of the same streams.</summary>
    public static IClientBuilder AddIptStreams(this IClientBuilder client) =>
        client.AddMemoryStreams(StreamNames.Provider, b => b.Configure<HashRingStreamQueueMapperOptions>(ConfigureQueues));

    // Read when the options are built, not when the host is: test hosts add their settings later.
    private static void ConfigureQueues(OptionsBuilder<HashRingStreamQueueMapperOptions> queues) =>
        queues.Configure<IConfiguration>((mapper, configuration) => mapper.TotalQueueCount = Settings(configuration).Queues);

    private static StreamQueueOptions Settings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(StreamQueueOptions.Section).Get<StreamQueueOptions>() ?? new StreamQueueOptions();
        if (settings.Queues < 1)
            throw new InvalidOperationException($"{StreamQueueOptions.Section}:Queues must be at least 1; it is {settings.Queues}.");
        if (settings.PullingPeriod <= TimeSpan.Zero)
            throw new InvalidOperationException($"{StreamQueueOptions.Section}:PullingPeriod must be positive; it is {settings.PullingPeriod}.");
        return settings;
    }
}
