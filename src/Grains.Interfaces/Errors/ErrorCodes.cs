namespace Ipt.Cluster.Errors;

/// <summary>Stable error codes; clients key on them, so a code is never renamed or reused.</summary>
public static class ErrorCodes
{
    public const string InvalidId = "id.invalid";
    public const string Required = "field.required";
    public const string TooLong = "field.too-long";
    public const string OutOfRange = "field.out-of-range";
    public const string UnknownValue = "field.unknown-value";
    public const string Duplicate = "field.duplicate";

    public const string TenantNotFound = "tenant.not-found";
    public const string TenantExists = "tenant.exists";
    public const string ClinicNotFound = "clinic.not-found";
    public const string ClinicExists = "clinic.exists";
    public const string TherapistNotFound = "therapist.not-found";
    public const string TherapistExists = "therapist.exists";
    public const string QuotaExceeded = "tenant.quota-exceeded";

    public const string CaseNotFound = "case.not-found";
    public const string CaseExists = "case.exists";
    public const string CaseClosed = "case.closed";
    public const string PhaseGate = "phase.gate";
    public const string PhaseTransition = "phase.transition";
    public const string PhaseNotAllowed = "phase.not-allowed";

    public const string ProblemAreaUnknown = "problem-area.unknown";
    public const string ProblemAreaLimit = "problem-area.limit";
    public const string ProblemAreaDuplicate = "problem-area.duplicate";
    public const string ProblemAreaNotSelected = "problem-area.not-selected";
    public const string RoleDisputeStage = "problem-area.dispute-stage";
    public const string FormulationMissing = "formulation.missing";
    public const string ContractBounds = "contract.bounds";
    public const string ContractBelowSessions = "contract.below-sessions";
    public const string PastContract = "session.past-contract";
    public const string SessionNumber = "session.number";
    public const string ExtensionNotRequested = "extension.not-requested";
    public const string ExtensionPending = "extension.pending";

    public const string GoalNotFound = "goal.not-found";
    public const string GoalTemplateUnknown = "goal.template-unknown";
    public const string GoalAgreement = "goal.agreement-incomplete";
    public const string GoalStatus = "goal.status";
    public const string GasLevel = "gas.level";
    public const string MilestoneNotFound = "milestone.not-found";
    public const string MilestoneStatus = "milestone.status";
    public const string MilestoneTarget = "milestone.target";

    public const string InstrumentUnknown = "measure.instrument-unknown";
    public const string AnswerCount = "measure.answer-count";
    public const string AnswerRange = "measure.answer-range";
    public const string InstrumentDefinition = "measure.instrument-definition";

    public const string TerminationMissing = "termination.missing";
    public const string TerminationPlan = "termination.plan";
    public const string RoleRequired = "role.required";
    public const string IdempotencyReuse = "idempotency.key-reused";
    public const string ConcurrentUpdate = "case.concurrent-update";
}
