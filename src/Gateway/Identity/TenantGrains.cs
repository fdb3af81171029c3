using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// Grain references inside the caller's tenant. An id that is not a valid id names nothing, so it
/// yields null and the caller answers 404, as for a missing resource.
/// </summary>
public sealed class TenantGrains(IGrainFactory grains)
{
    public ITenantGrain Tenant(string tenant) => grains.GetGrain<ITenantGrain>(tenant);

    public IClientCaseGrain? Case(string tenant, string caseId) => Scoped<IClientCaseGrain>(tenant, caseId);

    public IClinicGrain? Clinic(string tenant, string clinicId) => Scoped<IClinicGrain>(tenant, clinicId);

    public ITherapistGrain? Therapist(string tenant, string therapistId) => Scoped<ITherapistGrain>(tenant, therapistId);

    private T? Scoped<T>(string tenant, string id) where T : class, IGrainWithStringKey =>
        IdRules.IsValid(tenant) && IdRules.IsValid(id) ? grains.GetGrain<T>(GrainKey.Scoped(tenant, id).ToString()) : null;
}
