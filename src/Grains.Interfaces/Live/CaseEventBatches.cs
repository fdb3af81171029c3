namespace Ipt.Cluster.Live;

/// <summary>
/// What a silo sends on a clinic's stream: the committed batches of that clinic's cases gathered
/// since its last send, in commit order per case. One message for many commands keeps a busy
/// clinic's stream (and the clinic grain) from costing one message per command.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseEventBatches")]
public sealed record CaseEventBatches([property: Id(0)] IReadOnlyList<CaseEventsCommitted> Batches);
