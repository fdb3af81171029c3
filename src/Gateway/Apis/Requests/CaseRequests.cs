using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Apis.Requests;

// What a caller may say about a case. Who and when (tenant, author, timestamps, sequence) come from
// the token and the case itself: they are not fields here, so a body that sends them is ignored.

public sealed record OpenCaseRequest(string CaseId, string ClinicId, string TherapistId, string ClientAlias, IptVariant Variant);

public sealed record MovePhaseRequest(CasePhase To, string? Reason);

public sealed record SelectProblemAreaRequest(string Code, DisputeStage? DisputeStage, string? Note);

public sealed record RemoveProblemAreaRequest(string Reason);

public sealed record FormulationRequest(string Text);

public sealed record ContractRequest(int Sessions, int? MaintenanceIntervalWeeks, int? MaintenanceSessions);

public sealed record ExtensionRequestBody(int Sessions, string Reason);

public sealed record ExtensionDecisionRequest(bool Approve, string Note);

public sealed record LogSessionRequest(int? Number, DateOnly Date, Attendance Attendance, IReadOnlyList<Technique>? Techniques, string? Note);

public sealed record QuestionnaireRequest(string Instrument, IReadOnlyList<int> Answers, int? Difficulty, int? SessionNumber);

public sealed record JournalRequest(string Text);
