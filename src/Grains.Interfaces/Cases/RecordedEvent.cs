using Ipt.Cluster.Security;

namespace Ipt.Cluster.Cases;

/// <summary>
/// A committed case event: its per-case sequence number (1, 2, 3... with no gaps), when it
/// happened, who did it, and what happened. The case's history is the list of these.
/// <see cref="Completes"/> is set on the last event of a command sent with an idempotency key:
/// the key's record then lives in the history too, so a case restored from an older snapshot
/// and the events after it still recognises a retry. It is bookkeeping, not shown to readers.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.RecordedEvent")]
public sealed record RecordedEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Actor By,
    [property: Id(3)] CaseEvent Event,
    [property: Id(4)] IdempotencyRecord? Completes = null);

/// <summary>The base of every case event; each concrete event is a sealed record.</summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseEvent")]
public abstract record CaseEvent;
