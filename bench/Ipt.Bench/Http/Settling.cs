namespace Ipt.Bench.Http;

/// <summary>
/// Warm-up until throughput settles: unrecorded rounds of the same load until one is not 5% above
/// the best before it, at most a given number. The tiered JIT replaces code in steps while the
/// load runs, and under load on 2 cores its compiling thread gets little time: a deep pipeline
/// takes tens of seconds to settle where a bare endpoint takes one round, and a fixed warm-up would
/// measure the one half-compiled against the other settled.
/// </summary>
internal static class Settling
{
    /// <summary>At most this many warm-up rounds by default (a minute before a 10 s measurement).</summary>
    public const int MaxRounds = 12;

    /// <summary>Runs <paramref name="round"/> (which returns its throughput) until it settles; returns the rounds run.</summary>
    public static async Task<int> WarmUpAsync(Func<Task<double>> round, int maxRounds = MaxRounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);
        var best = 0.0;
        for (var n = 1; n <= maxRounds; n++)
        {
            var perSecond = await round();
            if (n > 1 && perSecond < best * 1.05) return n;
            best = Math.Max(best, perSecond);
        }

        return maxRounds;
    }
}
