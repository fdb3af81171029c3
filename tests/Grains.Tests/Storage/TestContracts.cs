using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>A minimal concrete case event for storage tests.</summary>
[GenerateSerializer, Immutable, Alias("ipt.test.NoteEvent")]
public sealed record TestNoteEvent([property: Id(0)] string Text) : CaseEvent;

/// <summary>A grain state shaped like the tenant/clinic/therapist states.</summary>
[GenerateSerializer, Alias("ipt.test.Settings")]
public sealed class TestSettings
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public int SessionLimit { get; set; }
}
