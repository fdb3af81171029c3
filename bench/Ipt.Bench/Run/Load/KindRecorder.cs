using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ipt.Bench.Run.Load;

/// <summary>Latencies and outcomes of one request kind during one measured window; thread-safe.</summary>
internal sealed class KindRecorder(string kind)
{
    private readonly List<long> _ticks = new(100_000);
    private long _non2xx;
    private long _errors;
    private long _events;
    private readonly ConcurrentDictionary<string, long> _answers = new();

    public string Kind => kind;

    public void Ok(long ticks, int events)
    {
        lock (_ticks) _ticks.Add(ticks);
        Interlocked.Add(ref _events, events);
    }

    /// <summary>A failed request; <paramref name="answer"/> says what came back (status and problem type), so a run tells why.</summary>
    public void Failed(long ticks, bool transport, string answer)
    {
        lock (_ticks) _ticks.Add(ticks);
        if (transport) Interlocked.Increment(ref _errors);
        else Interlocked.Increment(ref _non2xx);
        _answers.AddOrUpdate(answer, 1, static (_, n) => n + 1);
    }

    public KindResult Result(TimeSpan window)
    {
        long[] ticks;
        lock (_ticks) ticks = [.. _ticks];
        var report = new LatencyReport(ticks);
        var ok = ticks.Length - _non2xx - _errors;
        return new KindResult(kind, ticks.Length, ok / window.TotalSeconds, report.Ms(0.50), report.Ms(0.95), report.Ms(0.99), report.Ms(1.0),
            _non2xx, _errors, _events / window.TotalSeconds, new SortedDictionary<string, long>(_answers));
    }

    public static long Since(long started) => Stopwatch.GetTimestamp() - started;
}

/// <summary>One request kind's figures in one phase: 2xx per second, latency in ms, failures, events committed per second.</summary>
internal sealed record KindResult(string Kind, long Requests, double PerSecond, double P50, double P95, double P99, double Max,
    long Non2xx, long Errors, double EventsPerSecond, IReadOnlyDictionary<string, long> Failures)
{
    /// <summary>Throughput as a share of the ceiling this kind is compared with (null when none).</summary>
    public string? Ceiling { get; init; }

    public double? RatioToCeiling { get; init; }

    /// <summary>p99 latency as a multiple of the ceiling's p99 (null when none).</summary>
    public double? P99RatioToCeiling { get; init; }
}
