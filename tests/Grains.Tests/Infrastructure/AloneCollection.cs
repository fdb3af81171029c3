namespace Ipt.Cluster.Grains.Tests.Infrastructure;

/// <summary>Tests that measure the whole process, run after every parallel collection has finished.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
