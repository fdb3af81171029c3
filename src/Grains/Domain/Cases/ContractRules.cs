using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Security;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>The treatment contract and its extensions, which only a supervisor approves.</summary>
internal static class ContractRules
{
    public static Result<IReadOnlyList<CaseEvent>> Set(CaseState state, SetContract c, CaseContext context)
    {
        if (state.Phase >= CasePhase.Termination) return LifecycleRules.NotNow("the contract is agreed before termination");
        var bounds = context.Policy.BoundsFor(state.Variant);
        if (c.Sessions < bounds.Min || c.Sessions > bounds.Max)
            return DomainError.Invalid(ErrorCodes.ContractBounds, "sessions",
                $"A {state.Variant} IPT contract has {bounds.Min}-{bounds.Max} sessions in this tenant, not {c.Sessions}.");
        var attended = SessionRules.Attended(state);
        if (c.Sessions + (state.Contract?.ExtensionSessions ?? 0) < attended)
            return DomainError.Conflict(ErrorCodes.ContractBelowSessions, "sessions",
                $"{attended} sessions have already taken place.");
        var error = Checks.First(
            c.MaintenanceIntervalWeeks is { } weeks ? Checks.Range(weeks, 1, 12, "maintenanceIntervalWeeks") : null,
            c.MaintenanceSessions is { } count ? Checks.Range(count, 1, 60, "maintenanceSessions") : null);
        return error ?? One(new ContractSet(c.Sessions, c.MaintenanceIntervalWeeks, c.MaintenanceSessions));
    }

    public static Result<IReadOnlyList<CaseEvent>> Request(CaseState state, RequestExtension c, CaseContext context)
    {
        if (state.Contract is null)
            return DomainError.Conflict(ErrorCodes.PhaseGate, "contract", "There is no contract to extend.");
        if (state.PendingExtension is not null)
            return DomainError.Conflict(ErrorCodes.ExtensionPending, "sessions", "An extension request is already waiting.");
        return Checks.First(
            Checks.Range(c.Sessions, 1, ContractDefaults.MaxExtension, "sessions"),
            Checks.Text(c.Reason, "reason", Checks.LongText)) is { } error
            ? error
            : One(new ExtensionRequested(new ExtensionRequest(c.Sessions, c.Reason, context.Actor.UserId)));
    }

    public static Result<IReadOnlyList<CaseEvent>> Decide(CaseState state, DecideExtension c, CaseContext context)
    {
        if (context.Actor.Role != Roles.Supervisor)
            return DomainError.Forbidden(ErrorCodes.RoleRequired, "role", "Only a supervisor approves an extension.");
        if (state.PendingExtension is not { } pending)
            return DomainError.Conflict(ErrorCodes.ExtensionNotRequested, "approve", "No extension request is waiting.");
        return Checks.Text(c.Note, "note", Checks.LongText, required: false) is { } error
            ? error
            : One(new ExtensionDecided(c.Approve, pending.Sessions, c.Note ?? ""));
    }
}
