using Ipt.Cluster.Security;

namespace Ipt.Cluster.Cases;

/// <summary>
/// A committed case event: its per-case sequence number (1, 2, 3... with no gaps), when it
/// happened, who did it, and what happened. The case's history is the list of these.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.RecordedEvent")]
public sealed record RecordedEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Actor By,
    [property: Id(3)] CaseEvent Event);

/// <summary>The base of every case event; each concrete event is a sealed record.</summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseEvent")]
public abstract record CaseEvent;
