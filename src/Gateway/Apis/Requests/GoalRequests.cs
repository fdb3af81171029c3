using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Apis.Requests;

/// <summary>A goal from a template (<see cref="TemplateId"/>) or a custom one (<see cref="Title"/>).</summary>
public sealed record ProposeGoalRequest(RelationshipContext Context, string? TemplateId = null, string? Title = null, string? ProblemArea = null,
    double? Weight = null, GasScale? Scale = null);

public sealed record AgreeGoalRequest(bool TherapistAgrees, bool ClientAgrees);

public sealed record RateGoalRequest(int Level, string? Note = null);

public sealed record AchieveRequest(string? Note = null);

public sealed record DropGoalRequest(string Reason);

public sealed record ReviseGoalRequest(string Reason, string Title, RelationshipContext? Context = null, GasScale? Scale = null);

public sealed record AddMilestoneRequest(string Title, MilestoneTargetRequest Target, int? DueSession = null, DateOnly? DueDate = null);

public sealed record MilestoneProgressRequest(int Increment);

/// <summary>What a milestone needs: an instrument total at most <see cref="Value"/>, a GAS level, or a count of <see cref="CountOf"/>.</summary>
public sealed record MilestoneTargetRequest(MilestoneTargetKind Kind, int Value, string? Instrument = null, string? CountOf = null)
{
    public MilestoneTarget ToTarget() => new(Kind, Value, Instrument, CountOf);
}
