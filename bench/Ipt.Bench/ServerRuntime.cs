using System.Diagnostics;

namespace Ipt.Bench;

/// <summary>
/// The runtime settings a gateway or silo process is deployed with, given to the processes the bench
/// starts as <c>scripts/run.sh</c> and <c>scripts/cluster-start.sh</c> give them to theirs (README,
/// "Deploying on several machines"), unless the bench's own environment sets them (to measure without).
/// </summary>
internal static class ServerRuntime
{
    /// <summary>
    /// The largest gen1 budget, 16 MB (the scripts' value), so gen1 is collected more often. In a process
    /// holding many active grains, old objects keep pointing into gen1 (each command leaves its case
    /// pointing at a new state) and every gen0 collection scans their cards until gen1 is collected;
    /// measured +20-30% throughput, see docs/measurements.md, "2026-12-05 night".
    /// </summary>
    public const string Gen1MaxBudgetVariable = "DOTNET_GCGen1MaxBudget";
    public const string Gen1MaxBudget = "0x1000000";

    public static ProcessStartInfo AsDeployed(this ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (Environment.GetEnvironmentVariable(Gen1MaxBudgetVariable) is null) info.Environment[Gen1MaxBudgetVariable] = Gen1MaxBudget;
        return info;
    }
}
