namespace Ipt.Cluster.Cases;

/// <summary>The whole state of an IPT case: what a case grain holds and snapshots. (Filled in by the case model.)</summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseState")]
public sealed record CaseState([property: Id(0)] string CaseId);
