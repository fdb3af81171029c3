using System.Diagnostics;

namespace Ipt.Bench;

/// <summary>Percentiles of Stopwatch-tick latencies, in milliseconds.</summary>
internal sealed class LatencyReport(IEnumerable<long> ticks)
{
    private readonly long[] _sorted = [.. ticks.Order()];

    public int Count => _sorted.Length;

    public double Ms(double quantile) => _sorted.Length == 0
        ? 0
        : _sorted[Math.Min(_sorted.Length - 1, (int)(quantile * _sorted.Length))] * 1000.0 / Stopwatch.Frequency;

    public override string ToString() => $"p50 {Ms(0.50):F2}  p95 {Ms(0.95):F2}  p99 {Ms(0.99):F2}  max {Ms(1.0):F2}";
}
