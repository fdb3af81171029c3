using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Ipt.Cluster.Cases;

/// <summary>
/// The whole state of an IPT case after <see cref="Version"/> events: what the case grain holds,
/// snapshots and returns to readers. Immutable: a command that fails leaves it untouched.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseState")]
public sealed record CaseState
{
    [Id(0)] public required string CaseId { get; init; }
    [Id(1)] public required string ClinicId { get; init; }
    [Id(2)] public required string TherapistId { get; init; }
    /// <summary>A pseudonymous label chosen by the clinic; never the client's name.</summary>
    [Id(3)] public required string ClientAlias { get; init; }
    [Id(4)] public IptVariant Variant { get; init; }
    [Id(5)] public CasePhase Phase { get; init; }
    [Id(6)] public DateTimeOffset OpenedAt { get; init; }
    [Id(7)] public long Version { get; init; }
    [Id(8)] public ImmutableList<Relationship> Inventory { get; init; } = [];
    [Id(9)] public ImmutableList<ProblemArea> ProblemAreas { get; init; } = [];
    [Id(10)] public Formulation? Formulation { get; init; }
    [Id(11)] public TreatmentContract? Contract { get; init; }
    [Id(12)] public ExtensionRequest? PendingExtension { get; init; }
    [Id(13)] public ImmutableList<Goal> Goals { get; init; } = [];
    [Id(14)] public ImmutableList<Milestone> Milestones { get; init; } = [];
    [Id(15)] public ImmutableList<SessionLog> Sessions { get; init; } = [];
    [Id(16)] public ImmutableList<MeasureRecord> Measures { get; init; } = [];
    /// <summary>The latest journal entries; the full journal is in the history.</summary>
    [Id(17)] public ImmutableList<JournalEntry> RecentJournal { get; init; } = [];
    [Id(18)] public int JournalCount { get; init; }
    [Id(19)] public Termination? Termination { get; init; }
    [Id(20)] public ImmutableSortedSet<CaseFlag> Flags { get; init; } = [];
    [Id(21)] public DateTimeOffset LastContactAt { get; init; }
    [Id(22)] public DateTimeOffset? LastAchievementAt { get; init; }
    /// <summary>Recent idempotency keys and the answers they got, so a retry changes nothing.</summary>
    [Id(23)] public ImmutableList<IdempotencyRecord> RecentCommands { get; init; } = [];
    /// <summary>
    /// What the flags need from <see cref="Measures"/>, kept as each measure is applied so that a
    /// command does not walk every measure of the case. Null in snapshots written before it was
    /// kept: then it is computed from the measures. Not part of the API's answer.
    /// </summary>
    [Id(24), JsonIgnore] public MeasureSummary? MeasureSummary { get; init; }
}

/// <summary>
/// The facts about a case's measures its flags need: the latest PHQ-9, how many PHQ-9s there were,
/// and the instruments whose latest score is a reliable deterioration.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.MeasureSummary")]
public sealed record MeasureSummary(
    [property: Id(0)] MeasureRecord? LatestPhq9,
    [property: Id(1)] int Phq9Count,
    [property: Id(2)] ImmutableArray<string> DeterioratedInstruments)
{
    public static MeasureSummary Empty { get; } = new(null, 0, []);
}

/// <summary>A command's idempotency key, a fingerprint of the command, and the version range it committed.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("ipt.IdempotencyRecord")]
public sealed record IdempotencyRecord(
    [property: Id(0)] string Key,
    [property: Id(1)] string CommandFingerprint,
    [property: Id(2)] long FirstSequence,
    [property: Id(3)] long LastSequence);
