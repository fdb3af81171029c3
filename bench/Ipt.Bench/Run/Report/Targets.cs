using System.Globalization;

namespace Ipt.Bench.Run.Report;

/// <summary>The issue's targets, each judged on this run's figures.</summary>
internal static class Targets
{
    public static void Evaluate(RunReport r)
    {
        var grain = r.Ceilings.FirstOrDefault(c => c.Name == Ceilings.OneGrainCall);
        if (r.CaseReads is { } reads && grain is not null)
            r.Targets.Add(AtLeast("authenticated, audited case read / one-grain-call endpoint", reads.RequestsPerSecond / grain.PerSecond, 0.6, "x",
                $"{reads.RequestsPerSecond:N0}/s vs {grain.PerSecond:N0}/s"));

        if (r.Phases.FirstOrDefault(p => p.Name == Phases.Commands) is { } commands)
        {
            var orleans = r.Ceilings.FirstOrDefault(c => c.Name == Ceilings.PgOrleans);
            r.Targets.Add(r.Mode == "cluster" && orleans is not null
                ? AtLeast("durable commands (cluster) / raw Orleans WriteStateAsync", commands.TotalPerSecond / orleans.PerSecond, 0.9, "x",
                    $"{commands.TotalPerSecond:N0}/s vs {orleans.PerSecond:N0}/s")
                : AtLeast("durable commands through the gateway, embedded store", commands.TotalPerSecond, 5000, "/s", "closed loop, commands only"));
        }

        // Judged where every committed event is bound for a dashboard; the mix's fixed rate is reported beside it.
        if (r.Live.FirstOrDefault(l => l.Window == Phases.WatchedRate) is { } live && r.Phases.FirstOrDefault(p => p.Name == Phases.WatchedRate) is { } rate)
        {
            var conditions = $"{rate.EventsPerSecond:N0} events/s committed, {live.Connections} SSE connections, {live.Gaps} gaps";
            // Judged when the run asked for the target's load (the full profile); the quick profile does not.
            var reached = r.Options.FixedRate >= 1000 && r.Options.SseConnections >= 200;
            var met = live.P99 <= 50 && live.Gaps == 0 && rate.EventsPerSecond >= 950;
            r.Targets.Add(new TargetLine("commit -> dashboard lag p99 at 1,000 events/s, 200 connections, zero gaps", $"{F(live.P99)} ms ({conditions})",
                "<= 50 ms, 0 gaps", reached ? met : null,
                !reached ? "not judged: this profile does not ask for the target's load (" + conditions + ")"
                : met ? "met"
                : $"missed: p99 {F(live.P99)} ms is {F(live.P99 / 50)}x the target, at {rate.EventsPerSecond:N0} of the 1,000 events/s asked; gaps {live.Gaps}"));
        }

        if (r.Memory is { } memory)
        {
            var worst = Math.Max(memory.WorkingSetBytesPerCase, memory.GcHeapBytesPerCase) / 1024;
            var line = AtMost("memory per active realistic case (the larger of working set and GC heap delta)", worst, 20, " KB",
                $"working set {F(memory.WorkingSetBytesPerCase / 1024)} KB, GC heap {F(memory.GcHeapBytesPerCase / 1024)} KB over {memory.ActivatedCases:N0} cases");
            // The runtime commits memory in regions of megabytes, so over a few thousand cases one
            // more region decides the figure: judged from 10,000 cases up (the full profile activates 20,000).
            r.Targets.Add(memory.ActivatedCases >= 10_000 ? line
                : NotJudged(line, $"{memory.ActivatedCases:N0} cases are too few for a working-set delta; judged from 10,000"));
        }

        if (r.Scale.Count >= 2)
        {
            var (first, last) = (r.Scale[0], r.Scale[^1]);
            var span = $"{first.StoredCases:N0} -> {last.StoredCases:N0} stored cases";
            // The target compares 1M stored cases with 10k; a shorter span does not answer it.
            var asked = first.StoredCases <= 10_000 && last.StoredCases >= 1_000_000;
            var why = $"the target compares 1,000,000 stored cases with 10,000; this profile stores {span}";
            TargetLine Judged(TargetLine line) => asked ? line : NotJudged(line, why);
            r.Targets.Add(Judged(AtMost($"cold case read p50, {span}", last.ReadP50 / first.ReadP50, 1.2, "x", $"{F(first.ReadP50)} -> {F(last.ReadP50)} ms")));
            r.Targets.Add(Judged(AtMost($"durable command p50 on a cold case, {span}", last.CommandP50 / first.CommandP50, 1.2, "x", $"{F(first.CommandP50)} -> {F(last.CommandP50)} ms")));
        }

        if (r.Peer is { } peer)
            r.Targets.Add(AtLeast("our authenticated, audited reads / Medplum FHIR router's unauthenticated reads", peer.ReadRatio, 1.5, "x",
                $"{peer.OurReads.RequestsPerSecond:N0}/s vs {peer.PeerReads.RequestsPerSecond:N0}/s; ours carry authentication, audit and durability, the peer none"));
    }

    private static TargetLine NotJudged(TargetLine line, string why) => line with { Met = null, Verdict = "not judged: " + why };

    private static TargetLine AtLeast(string name, double measured, double goal, string unit, string detail) =>
        new(name, $"{F(measured)}{unit} ({detail})", $">= {F(goal)}{unit}", measured >= goal,
            measured >= goal ? "met" : $"missed by {F(goal - measured)}{unit} ({measured / goal:P0} of the target)");

    private static TargetLine AtMost(string name, double measured, double goal, string unit, string detail) =>
        new(name, $"{F(measured)}{unit} ({detail})", $"<= {F(goal)}{unit}", measured <= goal,
            measured <= goal ? "met" : $"missed by {F(measured - goal)}{unit} ({measured / goal:F1}x the target)");

    private static string F(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);
}
