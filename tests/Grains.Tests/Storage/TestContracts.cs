namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>A grain state shaped like the tenant/clinic/therapist states.</summary>
[GenerateSerializer, Alias("ipt.test.Settings")]
public sealed class TestSettings
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public int SessionLimit { get; set; }
}
