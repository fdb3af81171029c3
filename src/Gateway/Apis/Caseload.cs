using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>
/// The cases a caller may list: a therapist's caseload, the caseloads of the clinics a supervisor
/// supervises, every clinic's for a tenant admin, and a client's one case.
/// </summary>
public sealed class Caseload(TenantGrains grains, CaseAccess access)
{
    public async Task<IReadOnlyCollection<string>> CaseIdsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var tenant = caller.RequireTenant();
        switch (caller.Role)
        {
            case Roles.Client:
                return caller.CaseId is { } own ? [own] : [];
            case Roles.Therapist:
                return grains.Therapist(tenant, caller.UserId) is { } me ? (await me.GetAsync(cancellationToken))?.CaseIds ?? [] : [];
        }
        var clinics = (await grains.Tenant(tenant).GetAsync(cancellationToken))?.Clinics ?? [];
        var therapists = new List<string>();
        foreach (var clinic in clinics)
        {
            if (caller.Role == Roles.Supervisor && !await access.SupervisesAsync(caller, clinic.ClinicId, cancellationToken)) continue;
            var view = await grains.Clinic(tenant, clinic.ClinicId)!.GetAsync(cancellationToken);
            therapists.AddRange(view?.Therapists.Select(t => t.UserId) ?? []);
        }
        var caseloads = await Task.WhenAll(therapists.Distinct().Select(async t => (await grains.Therapist(tenant, t)!.GetAsync(cancellationToken))?.CaseIds ?? []));
        return [.. caseloads.SelectMany(ids => ids).Distinct()];
    }

    public async Task<IReadOnlyList<CaseSummary>> SummariesAsync(Caller caller, IEnumerable<string> caseIds, CancellationToken cancellationToken = default)
    {
        var found = await Task.WhenAll(caseIds.Select(id => access.FindAsync(caller, id, cancellationToken)));
        return [.. found.OfType<(IClientCaseGrain Grain, CaseState State)>().Select(f => Summary(f.State))];
    }

    private static CaseSummary Summary(CaseState s) =>
        new(s.CaseId, s.ClinicId, s.TherapistId, s.ClientAlias, s.Phase, s.Sessions.Count, s.Flags, s.Version);
}
