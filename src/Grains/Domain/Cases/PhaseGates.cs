using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// The phase moves IPT allows and what each needs (IPT-REFERENCE.md, "The treatment"). The
/// initial phase must produce an inventory, a focus of one or two areas, a formulation the client
/// accepted, and a contract; termination must produce its plan before the case ends.
/// </summary>
public static class PhaseGates
{
    public static Result<IReadOnlyList<CaseEvent>> Move(CaseState state, MovePhase c)
    {
        if (Checks.Defined(c.To, "to") is { } bad) return bad;
        if (Checks.Text(c.Reason, "reason", Checks.LongText, required: false) is { } badReason) return badReason;
        var error = (state.Phase, c.To) switch
        {
            (CasePhase.Intake, CasePhase.Initial) => null,
            (CasePhase.Initial, CasePhase.Middle) => MissingForMiddle(state),
            (CasePhase.Middle, CasePhase.Termination) => null,
            // A client who leaves during termination ends the case with a reason instead of a plan.
            (CasePhase.Termination, CasePhase.Closed) when state.Termination is null && !string.IsNullOrWhiteSpace(c.Reason) => null,
            (CasePhase.Termination, CasePhase.Closed) => TerminationReady(state, NextStep.End, NextStep.Referral),
            (CasePhase.Termination, CasePhase.Maintenance) => TerminationReady(state, NextStep.Maintenance),
            (CasePhase.Maintenance, CasePhase.Closed) => null,
            // A client may leave early (dropout, move, referral): allowed, but the reason is kept.
            (CasePhase.Intake or CasePhase.Initial or CasePhase.Middle, CasePhase.Closed) =>
                string.IsNullOrWhiteSpace(c.Reason)
                    ? DomainError.Invalid(ErrorCodes.Required, "reason", "Closing a case before termination needs a reason.")
                    : null,
            _ => DomainError.Conflict(ErrorCodes.PhaseTransition, "to", $"A case cannot move from {state.Phase} to {c.To}."),
        };
        return error ?? One(new PhaseChanged(state.Phase, c.To, c.Reason));
    }

    /// <summary>The first thing missing to leave the initial phase, or null when the gate is open.</summary>
    public static DomainError? MissingForMiddle(CaseState state)
    {
        if (state.Inventory.IsEmpty)
            return Gate("inventory", "the interpersonal inventory needs at least one relationship");
        if (state.ProblemAreas.IsEmpty)
            return Gate("problemAreas", "select one or two problem areas");
        if (state.Formulation is null)
            return Gate("formulation", "record the interpersonal formulation");
        if (!state.Formulation.AcceptedByClient)
            return Gate("formulation", "the client has not accepted the formulation");
        return state.Contract is null ? Gate("contract", "agree the treatment contract") : null;
    }

    private static DomainError? TerminationReady(CaseState state, params NextStep[] allowed)
    {
        if (state.Termination is null)
            return DomainError.Conflict(ErrorCodes.TerminationMissing, "termination",
                "Record the termination (progress, warning signs, plan, next step) first.");
        return allowed.Contains(state.Termination.NextStep)
            ? null
            : DomainError.Conflict(ErrorCodes.PhaseGate, "to",
                $"The termination plan's next step is {state.Termination.NextStep}.");
    }

    private static DomainError Gate(string field, string rule) =>
        DomainError.Conflict(ErrorCodes.PhaseGate, field, $"The initial phase is not complete: {rule}.");
}
