using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Grains.Tenants;

[GenerateSerializer, Alias("ipt.state.Tenant")]
public sealed class TenantState
{
    [Id(0)] public string? Name { get; set; }
    [Id(1)] public TenantSettings Settings { get; set; } = new();
    [Id(2)] public List<ClinicSummary> Clinics { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public int CaseCount { get; set; }
}
