namespace Ipt.Cluster.Cases;

// Every fact that can happen to a case. Ids are never reused or renumbered: a round-trip test guards them.

[GenerateSerializer, Immutable, Alias("ipt.ev.CaseOpened")]
public sealed record CaseOpened([property: Id(0)] string ClinicId, [property: Id(1)] string TherapistId,
    [property: Id(2)] string ClientAlias, [property: Id(3)] IptVariant Variant) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.PhaseChanged")]
public sealed record PhaseChanged([property: Id(0)] CasePhase From, [property: Id(1)] CasePhase To,
    [property: Id(2)] string? Reason) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.RelationshipRecorded")]
public sealed record RelationshipRecorded([property: Id(0)] Relationship Relationship) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.ProblemAreaSelected")]
public sealed record ProblemAreaSelected([property: Id(0)] ProblemArea Area) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.ProblemAreaRemoved")]
public sealed record ProblemAreaRemoved([property: Id(0)] string Code, [property: Id(1)] string Reason) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.FormulationRecorded")]
public sealed record FormulationRecorded([property: Id(0)] string Text) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.FormulationAccepted")]
public sealed record FormulationAccepted : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.ContractSet")]
public sealed record ContractSet([property: Id(0)] int Sessions, [property: Id(1)] int? MaintenanceIntervalWeeks,
    [property: Id(2)] int? MaintenanceSessions) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.ExtensionRequested")]
public sealed record ExtensionRequested([property: Id(0)] ExtensionRequest Request) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.ExtensionDecided")]
public sealed record ExtensionDecided([property: Id(0)] bool Approved, [property: Id(1)] int Sessions,
    [property: Id(2)] string Note) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.SessionLogged")]
public sealed record SessionLogged([property: Id(0)] SessionLog Session) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.GoalProposed")]
public sealed record GoalProposed([property: Id(0)] Goal Goal) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.GoalAgreed")]
public sealed record GoalAgreed([property: Id(0)] string GoalId) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.GoalRated")]
public sealed record GoalRated([property: Id(0)] string GoalId, [property: Id(1)] int Level,
    [property: Id(2)] string Note) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.GoalAchieved")]
public sealed record GoalAchieved([property: Id(0)] string GoalId, [property: Id(1)] string Note) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.GoalDropped")]
public sealed record GoalDropped([property: Id(0)] string GoalId, [property: Id(1)] string Reason) : CaseEvent;

/// <summary>The old goal is kept as Revised with the reason; <see cref="Replacement"/> is proposed in its place.</summary>
[GenerateSerializer, Immutable, Alias("ipt.ev.GoalRevised")]
public sealed record GoalRevised([property: Id(0)] string GoalId, [property: Id(1)] string Reason,
    [property: Id(2)] Goal Replacement) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.MilestoneAdded")]
public sealed record MilestoneAdded([property: Id(0)] Milestone Milestone) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.MilestoneProgressed")]
public sealed record MilestoneProgressed([property: Id(0)] string MilestoneId, [property: Id(1)] int Progress) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.MilestoneAchieved")]
public sealed record MilestoneAchieved([property: Id(0)] string MilestoneId, [property: Id(1)] string Evidence) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.MilestoneMissed")]
public sealed record MilestoneMissed([property: Id(0)] string MilestoneId) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.QuestionnaireScored")]
public sealed record QuestionnaireScored([property: Id(0)] Measures.QuestionnaireScore Score,
    [property: Id(1)] int? SessionNumber) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.JournalEntryAdded")]
public sealed record JournalEntryAdded([property: Id(0)] string Text) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.TerminationRecorded")]
public sealed record TerminationRecorded([property: Id(0)] Termination Termination) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.FlagRaised")]
public sealed record FlagRaised([property: Id(0)] CaseFlag Flag) : CaseEvent;

[GenerateSerializer, Immutable, Alias("ipt.ev.FlagCleared")]
public sealed record FlagCleared([property: Id(0)] CaseFlag Flag) : CaseEvent;
