using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Cases;

/// <summary>One person of the interpersonal inventory. Support and conflict are rated 0 (none) to 4 (very high).</summary>
[GenerateSerializer, Immutable, Alias("ipt.Relationship")]
public sealed record Relationship(
    [property: Id(0)] string PersonAlias,
    [property: Id(1)] string RelationshipType,
    [property: Id(2)] Closeness Closeness,
    [property: Id(3)] int Support,
    [property: Id(4)] int Conflict,
    [property: Id(5)] string Expectations,
    [property: Id(6)] string WhatChanged,
    [property: Id(7)] bool Confiding);

/// <summary>A focus of treatment from the tenant's taxonomy; a role dispute carries its stage.</summary>
[GenerateSerializer, Immutable, Alias("ipt.ProblemArea")]
public sealed record ProblemArea(
    [property: Id(0)] string Code,
    [property: Id(1)] DisputeStage? DisputeStage,
    [property: Id(2)] string Note);

[GenerateSerializer, Immutable, Alias("ipt.Formulation")]
public sealed record Formulation(
    [property: Id(0)] string Text,
    [property: Id(1)] bool AcceptedByClient,
    [property: Id(2)] DateTimeOffset? AcceptedAt);

/// <summary>
/// The treatment contract: acute sessions agreed, plus extensions a supervisor approved. For
/// maintenance, a booster every <see cref="MaintenanceIntervalWeeks"/> weeks.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.TreatmentContract")]
public sealed record TreatmentContract(
    [property: Id(0)] int Sessions,
    [property: Id(1)] int ExtensionSessions,
    [property: Id(2)] int? MaintenanceIntervalWeeks,
    [property: Id(3)] int? MaintenanceSessions)
{
    public int TotalSessions => Sessions + ExtensionSessions;
}

[GenerateSerializer, Immutable, Alias("ipt.ExtensionRequest")]
public sealed record ExtensionRequest(
    [property: Id(0)] int Sessions,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy);

/// <summary>Goal Attainment Scaling descriptors: what -2, -1, 0 (expected), +1 and +2 look like for this goal.</summary>
[GenerateSerializer, Immutable, Alias("ipt.GasScale")]
public sealed record GasScale(
    [property: Id(0)] string MuchLess,
    [property: Id(1)] string Less,
    [property: Id(2)] string Expected,
    [property: Id(3)] string More,
    [property: Id(4)] string MuchMore);

[GenerateSerializer, Immutable, Alias("ipt.Goal")]
public sealed record Goal(
    [property: Id(0)] string GoalId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? TemplateId,
    [property: Id(3)] string? ProblemArea,
    [property: Id(4)] RelationshipContext Context,
    [property: Id(5)] double Weight,
    [property: Id(6)] GasScale? Scale,
    [property: Id(7)] GoalStatus Status,
    [property: Id(8)] int? GasLevel,
    [property: Id(9)] string? RevisesGoalId,
    [property: Id(10)] string? RevisedByGoalId,
    [property: Id(11)] string? StatusReason,
    [property: Id(12)] DateTimeOffset ProposedAt);

/// <summary>What a milestone needs: e.g. PHQ-9 at most 9, GAS level at least +1, or 3 conversations.</summary>
[GenerateSerializer, Immutable, Alias("ipt.MilestoneTarget")]
public sealed record MilestoneTarget(
    [property: Id(0)] MilestoneTargetKind Kind,
    [property: Id(1)] int Value,
    [property: Id(2)] string? Instrument,
    [property: Id(3)] string? CountOf);

[GenerateSerializer, Immutable, Alias("ipt.Milestone")]
public sealed record Milestone(
    [property: Id(0)] string MilestoneId,
    [property: Id(1)] string GoalId,
    [property: Id(2)] string Title,
    [property: Id(3)] MilestoneTarget Target,
    [property: Id(4)] int? DueSession,
    [property: Id(5)] DateOnly? DueDate,
    [property: Id(6)] MilestoneStatus Status,
    [property: Id(7)] int Progress,
    [property: Id(8)] DateTimeOffset? AchievedAt);

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("ipt.SessionLog")]
public sealed record SessionLog(
    [property: Id(0)] int Number,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] Attendance Attendance,
    [property: Id(3)] CasePhase Phase,
    [property: Id(4)] IReadOnlyList<Technique> Techniques,
    [property: Id(5)] string Note);

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("ipt.MeasureRecord")]
public sealed record MeasureRecord(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int? SessionNumber,
    [property: Id(3)] QuestionnaireScore Score);

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("ipt.JournalEntry")]
public sealed record JournalEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Text);

/// <summary>What termination must produce: a review of gains, relapse warning signs and plan, and the next contract.</summary>
[GenerateSerializer, Immutable, Alias("ipt.Termination")]
public sealed record Termination(
    [property: Id(0)] string ProgressSummary,
    [property: Id(1)] IReadOnlyList<string> WarningSigns,
    [property: Id(2)] string RelapsePlan,
    [property: Id(3)] NextStep NextStep,
    [property: Id(4)] int? BoosterIntervalWeeks,
    [property: Id(5)] int? BoosterSessions,
    [property: Id(6)] string? ReferralTo);
