using System.Text.Json;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>A committed case event as the API shows it: its type by name and its data.</summary>
public sealed record EventView(long Sequence, DateTimeOffset At, string By, string Role, string Type, object Data)
{
    public static EventView From(RecordedEvent e) =>
        new(e.Sequence, e.At, e.By.UserId, e.By.Role, JsonNamingPolicy.CamelCase.ConvertName(e.Event.GetType().Name), e.Event);
}

/// <summary>The answer to an accepted case command: the case's version after it and the events it committed.</summary>
public sealed record CommandResponse(string CaseId, long Version, IReadOnlyList<EventView> Events)
{
    public static CommandResponse From(string caseId, CommandResult result) =>
        new(caseId, result.Version, [.. result.Events.Select(EventView.From)]);
}

/// <summary>A page of a list; pass <see cref="NextCursor"/> back as <c>cursor</c> to read on, null at the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>One line of a caseload.</summary>
public sealed record CaseSummary(string CaseId, string ClinicId, string TherapistId, string ClientAlias, CasePhase Phase,
    int Sessions, IReadOnlyCollection<CaseFlag> Flags, long Version);

/// <summary>What a client may read of its case: goals, milestones and the GAS T-score.</summary>
public sealed record GoalsView(string CaseId, IReadOnlyList<Goal> Goals, IReadOnlyList<Milestone> Milestones, double? GasScore);
