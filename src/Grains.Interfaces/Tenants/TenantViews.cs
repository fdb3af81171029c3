using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Tenants;

[GenerateSerializer, Immutable, Alias("ipt.TenantView")]
public sealed record TenantView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] TenantSettings Settings,
    [property: Id(3)] IReadOnlyList<ClinicSummary> Clinics,
    [property: Id(4)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("ipt.ClinicSummary")]
public sealed record ClinicSummary([property: Id(0)] string ClinicId, [property: Id(1)] string Name);

/// <summary>The answer to an administrative command: null error means it was applied (or already was).</summary>
[GenerateSerializer, Immutable, Alias("ipt.Outcome")]
public sealed record Outcome([property: Id(0)] DomainError? Error)
{
    public static readonly Outcome Done = new((DomainError?)null);
    public bool Succeeded => Error is null;
}
