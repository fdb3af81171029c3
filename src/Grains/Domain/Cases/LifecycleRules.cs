using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Ids;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>Opening a case and the work of the initial phase: inventory, focus, formulation, termination.</summary>
internal static class LifecycleRules
{
    public static Result<IReadOnlyList<CaseEvent>> Open(OpenCase c, CaseContext context) =>
        Checks.First(
            IdRules.Check(c.ClinicId, "clinicId"),
            IdRules.Check(c.TherapistId, "therapistId"),
            Checks.Text(c.ClientAlias, "clientAlias", Checks.ShortText),
            Checks.Defined(c.Variant, "variant"),
            IdRules.Check(context.CaseId, "caseId")) is { } error
            ? error
            : One(new CaseOpened(c.ClinicId, c.TherapistId, c.ClientAlias.Trim(), c.Variant));

    public static Result<IReadOnlyList<CaseEvent>> RecordRelationship(RecordRelationship c)
    {
        var r = c.Relationship;
        if (r is null) return DomainError.Invalid(ErrorCodes.Required, "relationship", "'relationship' is required.");
        var error = Checks.First(
            Checks.Text(r.PersonAlias, "relationship.personAlias", Checks.ShortText),
            Checks.Text(r.RelationshipType, "relationship.relationshipType", Checks.ShortText),
            Checks.Defined(r.Closeness, "relationship.closeness"),
            Checks.Range(r.Support, 0, 4, "relationship.support"),
            Checks.Range(r.Conflict, 0, 4, "relationship.conflict"),
            Checks.Text(r.Expectations, "relationship.expectations", Checks.LongText, required: false),
            Checks.Text(r.WhatChanged, "relationship.whatChanged", Checks.LongText, required: false));
        return error ?? One(new RelationshipRecorded(r with
        {
            PersonAlias = r.PersonAlias.Trim(),
            Expectations = r.Expectations ?? "",
            WhatChanged = r.WhatChanged ?? "",
        }));
    }

    public static Result<IReadOnlyList<CaseEvent>> SelectProblemArea(CaseState state, SelectProblemArea c, CaseContext context)
    {
        if (state.Phase >= CasePhase.Termination) return NotNow("problem areas are chosen before termination");
        var areas = context.Policy.ProblemAreas;
        if (!areas.Contains(c.Code))
            return DomainError.Invalid(ErrorCodes.ProblemAreaUnknown, "code",
                $"'{c.Code}' is not a problem area of this tenant ({string.Join(", ", areas)}).");
        if (state.ProblemAreas.Any(a => a.Code == c.Code))
            return DomainError.Conflict(ErrorCodes.ProblemAreaDuplicate, "code", $"'{c.Code}' is already selected.");
        if (state.ProblemAreas.Count >= ProblemAreaTaxonomies.MaxSelected)
            return DomainError.Invalid(ErrorCodes.ProblemAreaLimit, "code",
                "IPT focuses on one problem area, at most two; remove one first.");
        if (ProblemAreaTaxonomies.IsDispute(c.Code) != c.DisputeStage.HasValue)
            return DomainError.Invalid(ErrorCodes.RoleDisputeStage, "disputeStage",
                "A dispute needs its stage (renegotiation, impasse, dissolution); other areas take none.");
        if (c.DisputeStage is { } stage && Checks.Defined(stage, "disputeStage") is { } bad) return bad;
        return Checks.Text(c.Note, "note", Checks.LongText, required: false) is { } noteError
            ? noteError
            : One(new ProblemAreaSelected(new ProblemArea(c.Code, c.DisputeStage, c.Note ?? "")));
    }

    public static Result<IReadOnlyList<CaseEvent>> RemoveProblemArea(CaseState state, RemoveProblemArea c)
    {
        if (state.Phase >= CasePhase.Termination) return NotNow("problem areas are changed before termination");
        if (state.ProblemAreas.All(a => a.Code != c.Code))
            return DomainError.Invalid(ErrorCodes.ProblemAreaNotSelected, "code", $"'{c.Code}' is not selected.");
        if (state.Phase == CasePhase.Middle && state.ProblemAreas.Count == 1)
            return DomainError.Conflict(ErrorCodes.PhaseGate, "code", "The middle phase needs a focus; select another area first.");
        return Checks.Text(c.Reason, "reason", Checks.LongText) is { } error
            ? error
            : One(new ProblemAreaRemoved(c.Code, c.Reason));
    }

    public static Result<IReadOnlyList<CaseEvent>> RecordFormulation(RecordFormulation c) =>
        Checks.Text(c.Text, "text", Checks.LongText) is { } error ? error : One(new FormulationRecorded(c.Text.Trim()));

    public static Result<IReadOnlyList<CaseEvent>> AcceptFormulation(CaseState state) => state.Formulation is null
        ? DomainError.Conflict(ErrorCodes.FormulationMissing, "formulation", "There is no formulation to accept yet.")
        : One(new FormulationAccepted());

    public static Result<IReadOnlyList<CaseEvent>> RecordTermination(CaseState state, RecordTermination c)
    {
        if (state.Phase != CasePhase.Termination) return NotNow("termination is recorded in the termination phase");
        return TerminationRules.Check(c.Termination) is { } error ? error : One(new TerminationRecorded(c.Termination));
    }

    internal static DomainError NotNow(string rule) =>
        DomainError.Conflict(ErrorCodes.PhaseNotAllowed, "phase", $"Not in this phase: {rule}.");
}
