using Ipt.Cluster.Cases;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// Which cases a caller reaches: a therapist their own, a supervisor those of the clinics they
/// supervise, a tenant admin all of the tenant's, a client only the case its link names. A case
/// the caller may not reach is, to the caller, a case that does not exist.
/// </summary>
public sealed class CaseAccess(TenantGrains grains)
{
    /// <summary>
    /// The case grain and its state when the caller may reach it; null when missing or out of scope.
    /// Reads take the request's abort token: a caller that left stops the wait at once.
    /// </summary>
    public async Task<(IClientCaseGrain Grain, CaseState State)?> FindAsync(Caller caller, string caseId, CancellationToken cancellationToken = default)
    {
        if (Addressable(caller, caseId) is not { } grain) return null;
        var state = await grain.GetAsync(cancellationToken);
        return state is not null && await MayReachAsync(caller, CaseScope.Of(state), cancellationToken) ? (grain, state) : null;
    }

    /// <summary>
    /// The case grain and the reach to send with a command (<see cref="IClientCaseGrain.ExecuteWithinAsync"/>);
    /// null when the caller reaches no case of this id. A tenant admin, a therapist and a client need
    /// no grain call for it: the case checks their reach when the command arrives. A supervisor's reach
    /// is the clinics they supervise, so the case's clinic is read and checked first.
    /// </summary>
    public async Task<(IClientCaseGrain Grain, CaseReach Reach)?> ReachForCommandAsync(Caller caller, string caseId, CancellationToken cancellationToken = default)
    {
        if (RoleReach(caller) is { } reach) return Addressable(caller, caseId) is { } grain ? (grain, reach) : null;
        return caller.Is(Roles.Supervisor) && await FindScopeAsync(caller, caseId, cancellationToken) is { } found
            ? (found.Grain, CaseReach.InClinic(found.Scope.ClinicId))
            : null;
    }

    /// <summary>
    /// The case grain and the case's scope and version when the caller may reach it; null when missing
    /// or out of scope. One small grain call: what a command, or a read served from the gateway's
    /// rendering of that very version, needs.
    /// </summary>
    public async Task<(IClientCaseGrain Grain, CaseScope Scope)?> FindScopeAsync(Caller caller, string caseId, CancellationToken cancellationToken = default)
    {
        if (Addressable(caller, caseId) is not { } grain) return null;
        var scope = await grain.GetScopeAsync(cancellationToken);
        return scope is not null && await MayReachAsync(caller, scope, cancellationToken) ? (grain, scope) : null;
    }

    // What needs no grain call: a tenant, a valid id, and a client's link naming this very case.
    private IClientCaseGrain? Addressable(Caller caller, string caseId) =>
        caller.Tenant is { } tenant && (!caller.Is(Roles.Client) || caller.CaseId == caseId) ? grains.Case(tenant, caseId) : null;

    public async Task<bool> MayReachAsync(Caller caller, CaseScope scope, CancellationToken cancellationToken = default) =>
        RoleReach(caller) is { } reach
            ? reach.Allows(scope)
            : caller.Is(Roles.Supervisor) && await SupervisesAsync(caller, scope.ClinicId, cancellationToken);

    // The reach a role gives by itself; null for a supervisor (theirs depends on the clinic) and for
    // roles that reach no case.
    private static CaseReach? RoleReach(Caller caller) => caller.Role switch
    {
        Roles.TenantAdmin => CaseReach.AnyCase,
        Roles.Therapist => CaseReach.OfTherapist(caller.UserId),
        Roles.Client when caller.CaseId is { } caseId => CaseReach.OnlyCase(caseId),
        _ => null,
    };

    /// <summary>May the caller open a case for this clinic and therapist?</summary>
    public async Task<bool> MayOpenAsync(Caller caller, string clinicId, string therapistId) => caller.Role switch
    {
        Roles.TenantAdmin => true,
        Roles.Therapist => therapistId == caller.UserId,
        Roles.Supervisor => await SupervisesAsync(caller, clinicId),
        _ => false,
    };

    public async Task<bool> SupervisesAsync(Caller caller, string clinicId, CancellationToken cancellationToken = default) =>
        caller.Tenant is { } tenant && grains.Clinic(tenant, clinicId) is { } clinic
        && (await clinic.GetAsync(cancellationToken))?.Supervisors.Any(s => s.UserId == caller.UserId) == true;
}
