using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Grains.Tenants;

/// <summary>
/// Silo-internal: a case reserves a place in its tenant's quota before it opens. Not part of the
/// public contracts because only case grains call it.
/// </summary>
[Alias("ipt.ITenantCaseQuota")]
public interface ITenantCaseQuota : IGrainWithStringKey
{
    [Alias("ReserveCase")]
    Task<Outcome> ReserveCaseAsync();
}
