namespace Ipt.Cluster.Live;

/// <summary>
/// What a silo's outbox sends its clinic: the committed batches of that clinic's cases gathered
/// since its last send, in commit order per case. One call for many commands keeps a busy clinic
/// grain from costing one call per command.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseEventBatches")]
public sealed record CaseEventBatches([property: Id(0)] IReadOnlyList<CaseEventsCommitted> Batches);
