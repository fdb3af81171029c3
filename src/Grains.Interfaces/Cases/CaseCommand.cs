namespace Ipt.Cluster.Cases;

/// <summary>
/// The base of every case command. A command is a request: the domain validates it against the
/// case and the tenant's settings, and either refuses it (nothing changes) or turns it into events.
/// Who sends it is never part of the command: the caller's identity comes from the request context.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseCommand")]
public abstract record CaseCommand;
