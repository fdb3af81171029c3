namespace Ipt.Cluster.Gateway.Live;

/// <summary>The gateway's live caseload settings, bound from the <c>Live</c> section.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// How long a clinic's subscription outlives its last connection (<c>Live:ReleaseAfter</c>), so
    /// that a browser that reconnects (a reload, a dropped network) resumes from the buffer instead
    /// of a snapshot.
    /// </summary>
    public TimeSpan ReleaseAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often every feed is checked against its clinic (<c>Live:CheckPeriod</c>): a feed that
    /// stayed behind its clinic for a whole period re-reads the snapshot, a failing one subscribes again.
    /// </summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromSeconds(15);
}
