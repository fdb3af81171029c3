using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>
/// The clinics whose caseload a caller may watch: all of the tenant's for a tenant admin, those
/// listing them as supervisor for a supervisor. Any other clinic, of this tenant or another, is
/// to the caller a clinic that does not exist.
/// </summary>
public sealed class ClinicScope(TenantGrains grains, CaseAccess access)
{
    public async Task<bool> MayWatchAsync(Caller caller, string clinicId, CancellationToken cancellationToken = default)
    {
        if (caller.Tenant is not { } tenant || grains.Clinic(tenant, clinicId) is not { } clinic) return false;
        return caller.Role switch
        {
            Roles.TenantAdmin => await clinic.GetAsync(cancellationToken) is not null,
            Roles.Supervisor => await access.SupervisesAsync(caller, clinicId, cancellationToken),
            _ => false,
        };
    }

    public async Task<IReadOnlyList<ClinicSummary>> ClinicsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var clinics = (await grains.Tenant(caller.RequireTenant()).GetAsync(cancellationToken))?.Clinics ?? [];
        var visible = new List<ClinicSummary>();
        foreach (var clinic in clinics)
            if (await MayWatchAsync(caller, clinic.ClinicId, cancellationToken)) visible.Add(clinic);
        return visible;
    }
}
