namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>
/// How hard the fault test pushes. CI: 6 SIGKILLs 10-14 s apart, one PostgreSQL restart, a rolling
/// restart of all silos: about three minutes. IPT_FAULT_LONG=1: at least 20 kills 10-20 s apart and
/// at least 10,000 operations (about six minutes).
/// </summary>
internal sealed record FaultPlan(int Kills, TimeSpan MinGap, TimeSpan MaxGap, int MinOperations, int Cases, int Writers)
{
    public static FaultPlan Current => Environment.GetEnvironmentVariable("IPT_FAULT_LONG") == "1" ? Long : Ci;

    public static FaultPlan Ci { get; } = new(Kills: 6, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(14), MinOperations: 500, Cases: 120, Writers: 12);

    public static FaultPlan Long { get; } = new(Kills: 20, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), MinOperations: 10_000, Cases: 200, Writers: 16);

    /// <summary>PostgreSQL is restarted once, after this many kills.</summary>
    public int PostgresRestartAfterKill => Kills / 2;

    /// <summary>The two writers that race on one case for the whole run.</summary>
    public const string RaceCase = "race";
}
