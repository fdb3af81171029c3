using Ipt.Bench.Http;
using Ipt.Bench.Run.Load;
using Ipt.Bench.Run.Report;
using Ipt.Bench.Run.Seeding;
using Ipt.Cluster.Security;

namespace Ipt.Bench.Run;

/// <summary>
/// The load phases against one running gateway, with D dashboards open throughout: a warm-up, audited case reads
/// alone (wrk, like the ceilings), the clinic mix closed loop, durable commands alone, the clinic mix at
/// a fixed rate, commands on the watched clinics at the rate that commits 1,000 events/s, and the peer's load shape.
/// </summary>
internal static class GatewayLoad
{
    public static async Task RunAsync(string url, SeededNetwork network, Tokens tokens, RunOptions options, RunReport report)
    {
        var uri = new Uri(url);
        report.WarmUp = await WarmUp.RunAsync(uri, network, tokens);
        Console.WriteLine($"  warm-up: every clinic's caseload read once ({report.WarmUp.Cases:N0} cases activated) in {report.WarmUp.Seconds:F0} s");
        var watched = Enumerable.Range(0, options.SseConnections).Select(i => network.Clinics[i % network.Clinics.Count]).ToList();
        var dashboards = watched.Select(c => (c.ClinicId, tokens.For(c.Tenant, c.SupervisorId, Roles.Supervisor))).ToList();
        await using var sse = new SseWatchers(uri, dashboards);
        await sse.WaitOpenAsync(TimeSpan.FromSeconds(60));
        Console.WriteLine($"  {sse.Open}/{sse.Connections} dashboards open" + (sse.FirstFailure is { } why ? $" (a refused stream said: {why})" : ""));

        var tenant = network.Tenants[0];
        var paths = network.Cases.Where(c => c.Tenant == tenant).Take(1000).Select(c => $"/api/cases/{c.CaseId}").ToList();
        var admin = new Dictionary<string, string> { ["Authorization"] = "Bearer " + tokens.For(tenant, "admin", Roles.TenantAdmin) };
        var rounds = await Wrk.WarmUpAsync(url + paths[0], options.CeilingSeconds, options.WarmUpMaxRounds, options.HttpConnections, admin, paths);
        Console.WriteLine($"  case reads settled after {rounds} warm-up rounds");
        report.CaseReads = await Wrk.RunAsync("audited case read", url + paths[0], options.CeilingSeconds, options.HttpConnections, admin, paths);
        Console.WriteLine("  " + report.CaseReads);

        var mix = new ClinicMix(network, tokens);
        await PhaseAsync(report, sse, Phases.ClosedLoop, new HttpLoad(uri, mix), (l, measuring) => l.ClosedLoopAsync(Phases.ClosedLoop, options.HttpConnections, options.Seconds, measuring));
        await PhaseAsync(report, sse, Phases.Commands, new HttpLoad(uri, mix.With(RequestKind.CommandsOnly)),
            (l, measuring) => l.ClosedLoopAsync(Phases.Commands, options.HttpConnections, options.Seconds, measuring));
        await PhaseAsync(report, sse, Phases.FixedRate, new HttpLoad(uri, mix), (l, measuring) => l.FixedRateAsync(Phases.FixedRate, options.FixedRate, options.Seconds, measuring));
        // Issue 4's condition itself: every event bound for a dashboard, committed at the fixed rate. In the
        // mix above four events in five land in clinics nobody watches, so a few pauses decide its lag's p99.
        var watchedCases = mix.With(RequestKind.CommandsOnly).On(watched.Select(c => (c.Tenant, c.ClinicId)).ToHashSet());
        var commandsPerSecond = CommandsCommitting(options.FixedRate, report.Phases.First(p => p.Name == Phases.Commands));
        await PhaseAsync(report, sse, Phases.WatchedRate, new HttpLoad(uri, watchedCases),
            (l, measuring) => l.FixedRateAsync(Phases.WatchedRate, commandsPerSecond, options.Seconds, measuring));
        await PhaseAsync(report, null, Phases.PeerShape, new HttpLoad(uri, mix.With(RequestKind.PeerShape)),
            (l, measuring) => l.ClosedLoopAsync(Phases.PeerShape, options.HttpConnections, options.Seconds, measuring));
    }

    private static async Task PhaseAsync(RunReport report, SseWatchers? sse, string name, HttpLoad load, Func<HttpLoad, Action, Task<PhaseResult>> run)
    {
        using (load)
        {
            // Deltas and gaps count from the phase's start; lag from when its requests are recorded.
            if (sse is not null) sse.Window = name;
            var phase = WithRatios(await run(load, () => sse?.MeasureLag()), report);
            // Deltas of the last commands are still on their way: give them a moment.
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (sse is not null)
            {
                sse.Window = null;
                report.Live.Add(sse.Result(name));
            }
            report.Phases.Add(phase);
            Console.WriteLine($"  {name}: {phase.TotalPerSecond:N0} req/s, {phase.EventsPerSecond:N0} events/s, non-2xx {phase.Kinds.Sum(k => k.Non2xx)}, errors {phase.Kinds.Sum(k => k.Errors)}"
                + (sse is null ? "" : $"; dashboards: lag p99 {report.Live[^1].P99:F1} ms, gaps {report.Live[^1].Gaps}"));
            foreach (var k in phase.Kinds.Where(k => k.Failures.Count > 0))
                Console.WriteLine($"    {k.Kind} answered " + string.Join(", ", k.Failures.Select(f => $"{f.Value} x {f.Key}")));
        }
    }

    /// <summary>
    /// How many commands a second commit at least <paramref name="eventsPerSecond"/>, by the events a command made in
    /// the closed loop, plus a tenth: later commands make fewer (a milestone is achieved once).
    /// </summary>
    private static int CommandsCommitting(int eventsPerSecond, PhaseResult commands) =>
        commands.EventsPerSecond > 0 ? (int)Math.Ceiling(1.1 * eventsPerSecond * commands.TotalPerSecond / commands.EventsPerSecond) : eventsPerSecond;

    /// <summary>Each kind against its ceiling: the one-grain-call endpoint; commands in cluster mode against raw WriteStateAsync.</summary>
    private static PhaseResult WithRatios(PhaseResult phase, RunReport report)
    {
        var grain = report.Ceilings.First(c => c.Name == Ceilings.OneGrainCall);
        var orleans = report.Ceilings.FirstOrDefault(c => c.Name == Ceilings.PgOrleans);
        return phase with
        {
            Kinds = [.. phase.Kinds.Select(k =>
            {
                var ceiling = RequestKind.IsCommand(k.Kind) && orleans is not null ? orleans : grain;
                return k with { Ceiling = ceiling.Name, RatioToCeiling = k.PerSecond / ceiling.PerSecond, P99RatioToCeiling = k.P99 / Math.Max(0.001, ceiling.P99) };
            })],
        };
    }
}
