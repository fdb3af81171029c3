using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;

namespace Ipt.Cluster.Persistence;

/// <summary>
/// Where cases live: an append-only event history per case plus the latest snapshot, written
/// together. A case grain commits through this before it answers its caller, so an answered
/// command survives a crash. Implementations: the embedded store (local mode) and PostgreSQL.
/// </summary>
public interface ICaseStore
{
    /// <summary>The latest snapshot and its version, or null for a case never committed.</summary>
    Task<StoredCase?> LoadAsync(GrainKey caseKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the events and replaces the snapshot in one atomic, durable write. Throws
    /// <see cref="CaseVersionConflictException"/> when the stored version is not
    /// <see cref="CaseCommit.ExpectedVersion"/> (another activation wrote first); nothing is written then.
    /// </summary>
    Task CommitAsync(CaseCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Events with a sequence greater than <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadHistoryAsync(GrainKey caseKey, long afterSequence, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A case as stored: the snapshot after <see cref="Version"/> events.</summary>
public sealed record StoredCase(long Version, CaseState Snapshot);

/// <summary>One atomic write: events numbered ExpectedVersion+1.. and the snapshot after them.</summary>
public sealed record CaseCommit(GrainKey Case, long ExpectedVersion, IReadOnlyList<RecordedEvent> Events, CaseState Snapshot)
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
