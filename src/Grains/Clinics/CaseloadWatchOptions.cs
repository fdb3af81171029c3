namespace Ipt.Cluster.Grains.Clinics;

/// <summary>How a clinic decides whether anyone watches its caseload, bound from <c>Live:ClinicWatch</c>.</summary>
public sealed class CaseloadWatchOptions
{
    public const string Section = "Live:ClinicWatch";

    /// <summary>
    /// How long a clinic publishes after it activates before any watcher renewed a lease
    /// (<c>Grace</c>, a minute): a clinic moved by a silo restart does not know its watchers, who
    /// renew within their check period, and must not leave their screens quiet meanwhile. Keep it
    /// at least the gateways' <c>Live:CheckPeriod</c>.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);
}
