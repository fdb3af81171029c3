namespace Ipt.Cluster.Security;

/// <summary>Who did something: recorded on every event, never taken from a request body.</summary>
[GenerateSerializer, Immutable, Alias("ipt.Actor")]
public sealed record Actor([property: Id(0)] string UserId, [property: Id(1)] string Role)
{
    public static readonly Actor System = new("system", Roles.System);
}
