namespace Ipt.Cluster.Cases;

/// <summary>Logs the next session; <see cref="Number"/>, when given, must be the next number (no gaps).</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.LogSession")]
public sealed record LogSession([property: Id(0)] int? Number, [property: Id(1)] DateOnly Date,
    [property: Id(2)] Attendance Attendance, [property: Id(3)] IReadOnlyList<Technique> Techniques,
    [property: Id(4)] string? Note) : CaseCommand;

/// <summary>Proposes a goal from a template (<see cref="TemplateId"/>) or a custom one (<see cref="Title"/>).</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.ProposeGoal")]
public sealed record ProposeGoal([property: Id(0)] string? TemplateId, [property: Id(1)] string? Title,
    [property: Id(2)] string? ProblemArea, [property: Id(3)] RelationshipContext Context,
    [property: Id(4)] double? Weight, [property: Id(5)] GasScale? Scale) : CaseCommand;

/// <summary>Records agreement on a goal; IPT goals are agreed by therapist AND client, so both must be true.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.AgreeGoal")]
public sealed record AgreeGoal([property: Id(0)] string GoalId, [property: Id(1)] bool TherapistAgrees,
    [property: Id(2)] bool ClientAgrees) : CaseCommand;

/// <summary>Rates a goal on its Goal Attainment Scale, -2..+2.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.RateGoal")]
public sealed record RateGoal([property: Id(0)] string GoalId, [property: Id(1)] int Level,
    [property: Id(2)] string? Note) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.AchieveGoal")]
public sealed record AchieveGoal([property: Id(0)] string GoalId, [property: Id(1)] string? Note) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.DropGoal")]
public sealed record DropGoal([property: Id(0)] string GoalId, [property: Id(1)] string Reason) : CaseCommand;

/// <summary>Replaces a goal with a revised one; the old one is kept, marked revised, with the reason.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.ReviseGoal")]
public sealed record ReviseGoal([property: Id(0)] string GoalId, [property: Id(1)] string Reason,
    [property: Id(2)] string Title, [property: Id(3)] RelationshipContext? Context,
    [property: Id(4)] GasScale? Scale) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.AddMilestone")]
public sealed record AddMilestone([property: Id(0)] string GoalId, [property: Id(1)] string Title,
    [property: Id(2)] MilestoneTarget Target, [property: Id(3)] int? DueSession,
    [property: Id(4)] DateOnly? DueDate) : CaseCommand;

/// <summary>Adds to a count milestone's progress; reaching its target achieves it.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.RecordMilestoneProgress")]
public sealed record RecordMilestoneProgress([property: Id(0)] string MilestoneId, [property: Id(1)] int Increment) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.AchieveMilestone")]
public sealed record AchieveMilestone([property: Id(0)] string MilestoneId, [property: Id(1)] string? Evidence) : CaseCommand;

/// <summary>Item answers of a questionnaire; the case scores them. PHQ-9 may carry its unscored difficulty item.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.SubmitQuestionnaire")]
public sealed record SubmitQuestionnaire([property: Id(0)] string Instrument, [property: Id(1)] IReadOnlyList<int> Answers,
    [property: Id(2)] int? Difficulty, [property: Id(3)] int? SessionNumber) : CaseCommand;

/// <summary>The client's own words.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.AddJournalEntry")]
public sealed record AddJournalEntry([property: Id(0)] string Text) : CaseCommand;

/// <summary>Re-derives time-dependent flags (no contact for N days, overdue milestones); sent by the system.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.ReviewFlags")]
public sealed record ReviewFlags : CaseCommand;
