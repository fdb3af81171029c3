using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Apis.Requests;

/// <summary>A goal from a template (<see cref="TemplateId"/>) or a custom one (<see cref="Title"/>).</summary>
public sealed record ProposeGoalRequest(string? TemplateId, string? Title, string? ProblemArea, RelationshipContext Context,
    double? Weight, GasScale? Scale);

public sealed record AgreeGoalRequest(bool TherapistAgrees, bool ClientAgrees);

public sealed record RateGoalRequest(int Level, string? Note);

public sealed record AchieveRequest(string? Note);

public sealed record DropGoalRequest(string Reason);

public sealed record ReviseGoalRequest(string Reason, string Title, RelationshipContext? Context, GasScale? Scale);

public sealed record AddMilestoneRequest(string Title, MilestoneTarget Target, int? DueSession, DateOnly? DueDate);

public sealed record MilestoneProgressRequest(int Increment);
