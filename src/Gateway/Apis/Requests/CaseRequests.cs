using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Apis.Requests;

// What a caller may say about a case. Who and when (tenant, author, timestamps, sequence) come from
// the token and the case itself: they are not fields here, so a body that sends them is ignored.

public sealed record OpenCaseRequest(string CaseId, string ClinicId, string TherapistId, string ClientAlias, IptVariant Variant);

public sealed record MovePhaseRequest(CasePhase To, string? Reason = null);

public sealed record SelectProblemAreaRequest(string Code, DisputeStage? DisputeStage = null, string? Note = null);

public sealed record RemoveProblemAreaRequest(string Reason);

public sealed record FormulationRequest(string Text);

public sealed record ContractRequest(int Sessions, int? MaintenanceIntervalWeeks = null, int? MaintenanceSessions = null);

public sealed record ExtensionRequestBody(int Sessions, string Reason);

public sealed record ExtensionDecisionRequest(bool Approve, string Note);

public sealed record LogSessionRequest(DateOnly Date, Attendance Attendance, int? Number = null, IReadOnlyList<Technique>? Techniques = null, string? Note = null);

public sealed record QuestionnaireRequest(string Instrument, IReadOnlyList<int> Answers, int? Difficulty = null, int? SessionNumber = null);

public sealed record JournalRequest(string Text);

public sealed record TerminationRequest(string ProgressSummary, IReadOnlyList<string> WarningSigns, string RelapsePlan, NextStep NextStep,
    int? BoosterIntervalWeeks = null, int? BoosterSessions = null, string? ReferralTo = null)
{
    public Termination ToTermination() =>
        new(ProgressSummary, WarningSigns, RelapsePlan, NextStep, BoosterIntervalWeeks, BoosterSessions, ReferralTo);
}
