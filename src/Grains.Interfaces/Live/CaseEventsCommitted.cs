using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Live;

/// <summary>
/// One batch of case events, published by the case grain only after the batch is durable.
/// <see cref="Row"/> is the case's caseload row after the batch, so the clinic needs no fold of
/// its own; the events' sequence numbers let the clinic notice a batch it never received.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseEventsCommitted")]
public sealed record CaseEventsCommitted(
    [property: Id(0)] string CaseId,
    [property: Id(1)] IReadOnlyList<RecordedEvent> Events,
    [property: Id(2)] DateTimeOffset CommittedAt,
    [property: Id(3)] CaseloadRow Row);
