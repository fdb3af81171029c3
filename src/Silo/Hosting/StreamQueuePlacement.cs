using Orleans.Metadata;
using Orleans.Providers;
using Orleans.Runtime.Placement;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>
/// Keeps each memory-stream queue on the silo whose pulling agent reads it. Orleans places a queue's
/// grain like any other grain and leaves it where it is when the queues are dealt out again as silos
/// join and leave (the first silo of a starting cluster activates every queue before the others
/// join), so an agent may read its queue from another silo: a network round trip on every read, and
/// the agent waits for it before it reads again. Measured on an idle cluster of two silos with two
/// queues read every 1 ms: about 250 reads a second crossed between the silos. Here a queue grain is
/// placed beside its first caller (normally its agent, which reads from the start), and follows its
/// agent when a read comes from another silo (<see cref="StreamQueueHomingFilter"/>).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("ipt.StreamQueuePlacement")]
public sealed class StreamQueuePlacement : PlacementStrategy
{
    internal static StreamQueuePlacement Instance { get; } = new();
}

/// <summary>Gives the memory-stream queue grain <see cref="StreamQueuePlacement"/>, and no other grain.</summary>
internal sealed class StreamQueuePlacementResolver : IPlacementStrategyResolver
{
    private static readonly string QueueGrainClass = typeof(MemoryStreamQueueGrain).FullName!;

    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, out PlacementStrategy result)
    {
        result = StreamQueuePlacement.Instance;
        return properties is not null
            && properties.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var name) && name == QueueGrainClass;
    }
}

/// <summary>Places a queue grain on the silo a migration names, else beside its caller.</summary>
internal sealed class StreamQueuePlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var candidates = context.GetCompatibleSilos(target);
        var silo = IPlacementDirector.GetPlacementHint(target.RequestContextData, candidates)
            ?? (candidates.Contains(context.LocalSilo) ? context.LocalSilo : candidates[Random.Shared.Next(candidates.Length)]);
        return Task.FromResult(silo);
    }
}

/// <summary>
/// Moves a queue grain to the silo of the pulling agent that reads it, when a read comes from another
/// silo. Only an agent (a system target) reads a queue; producers (grains) write to it from anywhere
/// and do not move it. Orleans migrates the grain once no request is running, its queued messages
/// with it.
/// </summary>
internal sealed class StreamQueueHomingFilter(ILocalSiloDetails silo) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance is MemoryStreamQueueGrain
            && context.SourceId is { } source && SystemTargetGrainId.TryParse(source, out var agent)
            && agent.GetSiloAddress() is var reader && !reader.Equals(silo.SiloAddress))
        {
            context.TargetContext.Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = reader });
        }
        return context.Invoke();
    }
}
