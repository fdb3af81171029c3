using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;

namespace Ipt.Cluster.Persistence;

/// <summary>
/// Where cases live: an append-only event history per case plus a snapshot of the case written
/// every so often (<see cref="Domain.Cases.SnapshotPolicy"/>). A case grain commits through this
/// before it answers its caller, so an answered command survives a crash. Implementations: the
/// embedded store (local mode) and PostgreSQL.
/// </summary>
public interface ICaseStore
{
    /// <summary>The latest snapshot and the events after it, read together; null for a case never committed.</summary>
    Task<StoredCase?> LoadAsync(GrainKey caseKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the events, and replaces the snapshot when the commit carries one, in one atomic,
    /// durable write. Throws <see cref="CaseVersionConflictException"/> when the case's last stored
    /// event is not <see cref="CaseCommit.ExpectedVersion"/> (another activation wrote first);
    /// nothing is written then.
    /// </summary>
    Task CommitAsync(CaseCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence greater than <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadHistoryAsync(GrainKey caseKey, long afterSequence, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A case as stored: its latest snapshot (null: none written yet) and the events after it, oldest first.</summary>
public sealed record StoredCase(CaseState? Snapshot, IReadOnlyList<RecordedEvent> Later)
{
    /// <summary>What a store read for a case, its events in any order; null when it read nothing (a case never committed).</summary>
    public static StoredCase? Of(CaseState? snapshot, List<RecordedEvent> later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (snapshot is null && later.Count == 0) return null;
        later.Sort(static (x, y) => x.Sequence.CompareTo(y.Sequence));
        return new StoredCase(snapshot, later);
    }

    /// <summary>The sequence of the case's last event.</summary>
    public long Version => Later.Count > 0 ? Later[^1].Sequence : Snapshot?.Version ?? 0;
}

/// <summary>
/// One atomic write: events numbered ExpectedVersion+1.., and the state after them as the new
/// snapshot, or null to leave the snapshot where it is.
/// </summary>
public sealed record CaseCommit(GrainKey Case, long ExpectedVersion, IReadOnlyList<RecordedEvent> Events, CaseState? Snapshot)
{
    public long NewVersion => ExpectedVersion + Events.Count;
}

/// <summary>The stored version moved on under us: the write was refused, nothing changed.</summary>
public sealed class CaseVersionConflictException(GrainKey caseKey, long expected, long actual)
    : Exception($"Case '{caseKey}' is at version {actual}, not {expected}.")
{
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}
