using Ipt.Cluster.Security;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>Everything a decision needs besides the case and the command: who, when, and the tenant's rules.</summary>
public sealed record CaseContext(string CaseId, Actor Actor, DateTimeOffset Now, CasePolicy Policy)
{
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
}
