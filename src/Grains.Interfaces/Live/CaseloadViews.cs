using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Live;

/// <summary>One case as a supervisor's caseload table shows it. <see cref="CaseVersion"/> is the case's last event sequence.</summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseloadRow")]
public sealed record CaseloadRow(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string ClientAlias,
    [property: Id(2)] string TherapistId,
    [property: Id(3)] CasePhase Phase,
    [property: Id(4)] IReadOnlyList<string> ProblemAreas,
    [property: Id(5)] int SessionsAttended,
    [property: Id(6)] int? ContractSessions,
    [property: Id(7)] int? LatestPhq9,
    [property: Id(8)] IReadOnlyList<int> Phq9Trajectory,
    [property: Id(9)] int GoalsAchieved,
    [property: Id(10)] int GoalsTotal,
    [property: Id(11)] int MilestonesAchieved,
    [property: Id(12)] int MilestonesTotal,
    [property: Id(13)] IReadOnlyList<CaseFlag> Flags,
    [property: Id(14)] DateTimeOffset LastContactAt,
    [property: Id(15)] long CaseVersion);

/// <summary>How many of the clinic's cases are in each phase, problem area and flag.</summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseloadCounts")]
public sealed record CaseloadCounts(
    [property: Id(0)] int Cases,
    [property: Id(1)] IReadOnlyDictionary<CasePhase, int> ByPhase,
    [property: Id(2)] IReadOnlyDictionary<string, int> ByProblemArea,
    [property: Id(3)] IReadOnlyDictionary<CaseFlag, int> ByFlag);

/// <summary>A line of the live ticker: goal agreed, milestone achieved, session logged, score submitted, flag raised.</summary>
[GenerateSerializer, Immutable, Alias("ipt.TickerItem")]
public sealed record TickerItem(
    [property: Id(0)] string CaseId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Text);

/// <summary>
/// A change of the clinic's caseload. <see cref="Version"/> is exactly one more than the version
/// before it; a reader that sees another number missed something and must read the snapshot.
/// <see cref="ServerTimestamp"/> is when the change was committed (for a rebuilt row, when it was rebuilt).
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseloadDelta")]
public sealed record CaseloadDelta(
    [property: Id(0)] string ClinicId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset ServerTimestamp,
    [property: Id(3)] IReadOnlyList<CaseloadRow> Changed,
    [property: Id(4)] IReadOnlyList<string> Removed,
    [property: Id(5)] CaseloadCounts Counts,
    [property: Id(6)] IReadOnlyList<TickerItem> Ticker);

/// <summary>The whole caseload of a clinic at <see cref="Version"/>, with the most recent ticker lines.</summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseloadSnapshot")]
public sealed record CaseloadSnapshot(
    [property: Id(0)] string ClinicId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset ServerTimestamp,
    [property: Id(3)] IReadOnlyList<CaseloadRow> Rows,
    [property: Id(4)] CaseloadCounts Counts,
    [property: Id(5)] IReadOnlyList<TickerItem> Ticker);
