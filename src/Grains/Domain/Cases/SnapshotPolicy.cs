namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// When a commit also writes the case's snapshot. Every commit appends its events; writing the
/// whole case (2-5 KB, most of a commit's cost) only every so many events makes a commit mostly
/// its events, and a load replays at most that many events onto the snapshot.
/// </summary>
public static class SnapshotPolicy
{
    public const int EventsBetweenSnapshots = 16;

    /// <summary>Whether a commit reaching <paramref name="newVersion"/> writes the snapshot, the last one being at <paramref name="snapshotVersion"/> (0: none).</summary>
    public static bool IsDue(long snapshotVersion, long newVersion) => newVersion - snapshotVersion >= EventsBetweenSnapshots;
}
