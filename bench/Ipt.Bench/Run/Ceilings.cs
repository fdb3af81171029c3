using System.Diagnostics;
using Ipt.Bench.Http;

namespace Ipt.Bench.Run;

/// <summary>One ceiling: what the machine does with no product code in the way, measured in this run.</summary>
internal sealed record Ceiling(string Name, double PerSecond, double P50, double P99, string How);

/// <summary>
/// The ceilings of this run: a bare Kestrel endpoint and the same endpoint making one no-op grain call
/// on a co-hosted silo (wrk, like the gateway's reads), in-process no-op grain calls, and in cluster
/// mode raw Npgsql single-row commits and Orleans' WriteStateAsync on the same PostgreSQL.
/// </summary>
internal static class Ceilings
{
    public const string Bare = "bare Kestrel endpoint";
    public const string OneGrainCall = "endpoint + one no-op grain call";
    public const string InProcessGrainCalls = "in-process no-op grain calls";
    public const string PgRaw = "raw Npgsql single-row commits";
    public const string PgOrleans = "raw Orleans WriteStateAsync (PostgreSQL)";

    public static async Task<List<Ceiling>> MeasureAsync(RunOptions options, int connections)
    {
        var ceilings = new List<Ceiling>();
        await using (var host = await CeilingHost.StartAsync(Ports.Free(), Ports.Free(), Ports.Free()))
        {
            await Wrk.WarmUpAsync(host.Url + "/bare", options.CeilingSeconds, options.WarmUpMaxRounds, connections);
            await Wrk.WarmUpAsync(host.Url + "/grain", options.CeilingSeconds, options.WarmUpMaxRounds, connections);
            ceilings.Add(FromWrk(Bare, await Wrk.RunAsync(Bare, host.Url + "/bare", options.CeilingSeconds, connections)));
            ceilings.Add(FromWrk(OneGrainCall, await Wrk.RunAsync(OneGrainCall, host.Url + "/grain", options.CeilingSeconds, connections)));
            try
            {
                ceilings.Add(await InProcessAsync(host.Grains, options.CeilingSeconds));
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // Seen once with the machine's load average at 25 on 2 cores: report it, keep the run.
                Console.WriteLine($"  ceiling {InProcessGrainCalls} not measured: {e.Message}");
            }
        }
        if (options.Mode == "cluster")
        {
            var args = new BenchArgs(options.CeilingSeconds, 16, 256, 0);
            var (raw, rawElapsed) = await PostgresBench.MeasureRawAsync(args, options.Connection!);
            ceilings.Add(new Ceiling(PgRaw, raw.Count / rawElapsed.TotalSeconds, raw.Ms(0.5), raw.Ms(0.99), "16 connections, INSERT + commit each"));
            var (orleans, orleansElapsed) = await PostgresBench.MeasureOrleansAsync(args with { Writers = 64 }, options.Connection!);
            ceilings.Add(new Ceiling(PgOrleans, orleans.Count / orleansElapsed.TotalSeconds, orleans.Ms(0.5), orleans.Ms(0.99), "64 callers, ~1 KB state each"));
            // Orleans' storage keeps its pooled connections open; the seeding and the cluster need them (max_connections 100).
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        foreach (var c in ceilings) Console.WriteLine($"  ceiling {c.Name,-42} {c.PerSecond,10:N0}/s  p50 {c.P50:F2} ms  p99 {c.P99:F2} ms");
        return ceilings;
    }

    private static Ceiling FromWrk(string name, WrkResult r) => new(name, r.RequestsPerSecond, r.P50, r.P99, "wrk -t2 -c64 on 127.0.0.1");

    /// <summary>64 callers, each on its own no-op grain, calling in a loop: the cost of a grain call without HTTP.</summary>
    private static async Task<Ceiling> InProcessAsync(IGrainFactory grains, int seconds)
    {
        // Activated first, so the timed loop measures calls, not placements.
        await Task.WhenAll(Enumerable.Range(1, 64).Select(w => grains.GetGrain<IPingGrain>(w).PingAsync()));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            var grain = grains.GetGrain<IPingGrain>(w + 1);
            var ticks = new List<long>(16_384); // grows as needed: 64 callers x 1M pre-sized was 512 MB at once
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await grain.PingAsync();
                ticks.Add(Stopwatch.GetTimestamp() - started);
                // A no-op call's answer can resume its caller inline, so a caller that never yields can
                // keep a worker thread to itself: with 64 of them the silo's own work starved, and one
                // ping in a run went unanswered for Orleans' 30 s (in both full runs of 2026-12-04).
                if (ticks.Count % 64 == 0) await Task.Yield();
            }
            return ticks;
        })).ToList();
        var report = new LatencyReport((await Task.WhenAll(callers)).SelectMany(t => t));
        return new Ceiling(InProcessGrainCalls, report.Count / clock.Elapsed.TotalSeconds, report.Ms(0.5), report.Ms(0.99), "64 callers, one grain each");
    }
}
