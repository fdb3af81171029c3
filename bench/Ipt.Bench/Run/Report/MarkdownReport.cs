using System.Globalization;
using System.Text;
using Ipt.Bench.Run.Load;

namespace Ipt.Bench.Run.Report;

/// <summary>The run as Markdown tables: targets first, then every figure behind them.</summary>
internal static class MarkdownReport
{
    public static string Render(RunReport r)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv($"# Benchmark run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Mode} mode, {r.Profile} profile"));
        md.AppendLine();
        md.AppendLine(Inv($"{r.Machine.Cores} cores, {r.Machine.Os}, {r.Machine.Runtime}; {r.Machine.Note}. Took {r.TotalSeconds:F0} s."));
        if (r.Seed is { } seed)
            md.AppendLine(Inv($"Seeded {seed.Tenants} tenants x {seed.Clinics / Math.Max(1, seed.Tenants)} clinics, {seed.Cases:N0} cases ({seed.Events:N0} events) in {seed.Seconds:F0} s ({seed.CasesPerSecond:N0} cases/s)."));
        if (r.WarmUp is { } warm)
            md.AppendLine(Inv($"After the gateway started, reading every clinic's caseload once (which activates all {warm.Cases:N0} cases) took {warm.Seconds:F0} s; the phases below run after it."));
        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| target | measured | goal | verdict |");
        md.AppendLine("|---|---|---|---|");
        foreach (var t in r.Targets) md.AppendLine($"| {t.Target} | {t.Measured} | {t.Goal} | {Verdict(t)} |");
        md.AppendLine();
        md.AppendLine("## Ceilings (same run)");
        md.AppendLine();
        md.AppendLine("| ceiling | per second | p50 ms | p99 ms | how |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var c in r.Ceilings) md.AppendLine(Inv($"| {c.Name} | {c.PerSecond:N0} | {c.P50:F2} | {c.P99:F2} | {c.How} |"));
        if (r.CaseReads is { } reads)
            md.AppendLine(Inv($"| *audited case read through the gateway* | {reads.RequestsPerSecond:N0} | {reads.P50:F2} | {reads.P99:F2} | wrk -t2 -c64, tenant admin token, non-2xx {reads.Non2xx} |"));
        foreach (var phase in r.Phases)
        {
            md.AppendLine();
            md.AppendLine(Inv($"## {phase.Name} ({phase.Shape}, {phase.Seconds:F0} s{(phase.Skipped > 0 ? $", {phase.Skipped} requests not sent: {2048} in flight" : "")})"));
            md.AppendLine();
            md.AppendLine("| request kind | 2xx/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | events/s | throughput ratio to ceiling (p99 multiple) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var k in phase.Kinds)
                md.AppendLine(Inv($"| {k.Kind} | {k.PerSecond:N0} | {k.P50:F2} | {k.P95:F2} | {k.P99:F2} | {k.Max:F0} | {k.Non2xx} | {k.Errors} | {k.EventsPerSecond:N0} | {Ratio(k)} |"));
            md.AppendLine(Inv($"| **all** | {phase.TotalPerSecond:N0} | | | | | {phase.Kinds.Sum(k => k.Non2xx)} | {phase.Kinds.Sum(k => k.Errors)} | {phase.EventsPerSecond:N0} | |"));
            var failures = phase.Kinds.SelectMany(k => k.Failures.Select(f => Inv($"{k.Kind}: {f.Value} x {f.Key}"))).ToList();
            if (failures.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Answers other than 2xx: " + string.Join("; ", failures) + ".");
            }
        }
        if (r.Live.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Live dashboards (SSE), commit -> receive lag");
            md.AppendLine();
            md.AppendLine("| during | connections | deltas received | p50 ms | p99 ms | max ms | version gaps | snapshots | reconnects |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var l in r.Live) md.AppendLine(Inv($"| {l.Window} | {l.Connections} | {l.Deltas:N0} | {l.P50:F1} | {l.P99:F1} | {l.Max:F0} | {l.Gaps} | {l.Snapshots} | {l.Reconnects} |"));
        }
        if (r.Memory is { } m)
        {
            md.AppendLine();
            md.AppendLine(Inv($"## Memory per active case\n\n{m.ActivatedCases:N0} seeded cases ({m.MeanEventsPerCase:F0} events each on average) activated in an in-process silo: working set {m.WorkingSetBytesPerCase / 1024:F1} KB a case, GC heap {m.GcHeapBytesPerCase / 1024:F1} KB a case."));
        }
        if (r.Scale.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Latency vs stored cases (cold cases: each loads from the store)");
            md.AppendLine();
            md.AppendLine("| stored cases | filled in s | read p50 | read p95 | read p99 | PHQ-9 p50 | PHQ-9 p95 | PHQ-9 p99 | store load p50 | store load p99 |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var s in r.Scale)
                md.AppendLine(Inv($"| {s.StoredCases:N0} | {s.SeedSeconds:F0} | {s.ReadP50:F2} | {s.ReadP95:F2} | {s.ReadP99:F2} | {s.CommandP50:F2} | {s.CommandP95:F2} | {s.CommandP99:F2} | {s.LoadP50:F2} | {s.LoadP99:F2} |"));
        }
        if (r.Peer is { } p)
        {
            md.AppendLine();
            md.AppendLine(Inv($"## Peer: {p.Peer}"));
            md.AppendLine();
            md.AppendLine("| | ours | peer | ratio ours/peer |");
            md.AppendLine("|---|---|---|---|");
            md.AppendLine(Inv($"| reads (wrk -t2 -c64), req/s | {p.OurReads.RequestsPerSecond:N0} (p99 {p.OurReads.P99:F1} ms) | {p.PeerReads.RequestsPerSecond:N0} (p99 {p.PeerReads.P99:F1} ms) | {p.ReadRatio:F2} |"));
            md.AppendLine(Inv($"| create + read goals and PHQ-9s / Observations, closed loop, req/s | {p.OurMix.TotalPerSecond:N0} | {p.PeerMix.TotalPerSecond:N0} | {p.MixRatio:F2} |"));
            md.AppendLine();
            md.AppendLine(p.Caveat + ".");
        }
        if (r.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in r.Notes) md.AppendLine("- " + note);
        }
        return md.ToString();
    }

    private static string Ratio(KindResult k) => k.RatioToCeiling is { } ratio ? Inv($"{ratio:F3} of {k.Ceiling} (p99 {k.P99RatioToCeiling:F1}x)") : "";

    // The verdict's first word in bold ("met", "missed by ..."), not said twice.
    private static string Verdict(TargetLine t)
    {
        var word = t.Met switch { null => null, true => "met", false => "missed" };
        if (word is null) return t.Verdict;
        return t.Verdict.StartsWith(word, StringComparison.Ordinal) ? $"**{word}**{t.Verdict[word.Length..]}" : $"**{word}**: {t.Verdict}";
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
