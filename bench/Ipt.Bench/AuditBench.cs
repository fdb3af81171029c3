using System.Diagnostics;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ipt.Bench;

/// <summary>
/// Durable audit appends on the embedded store: first <c>--writers</c> appenders alone, then the
/// same appenders while as many case writers commit (the realistic mix: every audited request
/// appends while case commands write; the audit log has its own file and writer). Each caller waits for its durable acknowledgement before
/// the next, as a request would.
/// </summary>
internal static class AuditBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-bench-" + Guid.NewGuid().ToString("N"));
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        try
        {
            var options = new EmbeddedStoreOptions { DataDirectory = folder, MaxBatchSize = args.Batch };
            await using var database = new EmbeddedDatabase(options);
            await using var log = new EmbeddedAuditLog(options);
            var audit = new EmbeddedAuditStore(log);
            var cases = new EmbeddedCaseStore(database, serializer);
            long Batches() => database.CommittedBatches + log.CommittedBatches;
            Console.WriteLine($"audit: {args.Writers} appenders, batch <= {args.Batch}, {args.Seconds} s measured per phase");

            var alone = await MeasureAsync(Batches, args.Seconds, new Workload("audit appends", args.Writers, w => Appender(audit, w)));
            Print("appenders alone", alone);

            var mixed = await MeasureAsync(Batches, args.Seconds,
                new Workload("audit appends", args.Writers, w => Appender(audit, w)),
                new Workload("case commits", args.Writers, w => CaseWriter(cases, w)));
            Print($"appenders with {args.Writers} case writers", mixed);
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Workload(string Name, int Workers, Func<int, Func<Task>> CreateWorker);

    private sealed record Measured(TimeSpan Elapsed, long Batches, TimeSpan Cpu, (string Name, long[] Latencies)[] Results);

    /// <summary>An audited case read as the gateway records it: ids only, about 150 bytes.</summary>
    private static Func<Task> Appender(EmbeddedAuditStore audit, int worker)
    {
        var n = 0L;
        return () =>
        {
            n++;
            var caseId = $"case-{(worker * 31 + n) % 500}";
            return audit.AppendAsync(new AuditRecord(
                DateTimeOffset.UtcNow, $"user-{worker}", "bench", "therapist", "case.read", $"/api/cases/{caseId}", caseId,
                AuditOutcome.Success, $"{worker:x4}-{n:x12}"));
        };
    }

    /// <summary>As the store bench: one case per writer, one ~300 B event plus a ~4 KB snapshot per commit.</summary>
    private static Func<Task> CaseWriter(EmbeddedCaseStore cases, int worker)
    {
        var key = GrainKey.Scoped("bench", $"case-{worker}");
        var note = new BenchNoteEvent(new string('n', 300));
        var padding = new string('s', 4096);
        var version = 0L;
        return async () =>
        {
            var recorded = new RecordedEvent(version + 1, DateTimeOffset.UtcNow, Actor.System, note);
            await cases.CommitAsync(new CaseCommit(key, version, [recorded],
                new CaseState { CaseId = key.LocalId, ClinicId = "clinic", TherapistId = "therapist", ClientAlias = padding }));
            version++;
        };
    }

    private static async Task<Measured> MeasureAsync(Func<long> committedBatches, int seconds, params Workload[] workloads)
    {
        using var stop = new CancellationTokenSource();
        var measuring = false;
        var running = workloads.Select(load => Enumerable.Range(0, load.Workers).Select(w => Task.Run(async () =>
        {
            var operation = load.CreateWorker(w);
            var latencies = new List<long>(capacity: 100_000);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                if (Volatile.Read(ref measuring)) latencies.Add(Stopwatch.GetTimestamp() - started);
            }

            return latencies;
        })).ToArray()).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(1)); // warm-up: JIT, file growth
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var batchesBefore = committedBatches();
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed;
        var batches = committedBatches() - batchesBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await stop.CancelAsync();

        var results = new (string, long[])[workloads.Length];
        for (var i = 0; i < workloads.Length; i++)
        {
            results[i] = (workloads[i].Name, (await Task.WhenAll(running[i])).SelectMany(l => l).Order().ToArray());
        }

        return new Measured(elapsed, batches, cpu, results);
    }

    private static void Print(string phase, Measured run)
    {
        var seconds = run.Elapsed.TotalSeconds;
        Console.WriteLine($"{phase}:");
        foreach (var (name, all) in run.Results)
        {
            double Ms(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine($"  {name,-14} {all.Length / seconds,8:F0}/s  latency ms  p50 {Ms(0.50):F2}  p95 {Ms(0.95):F2}  p99 {Ms(0.99):F2}  max {Ms(1.0):F2}");
        }

        var writes = run.Results.Sum(r => (long)r.Latencies.Length);
        Console.WriteLine($"  fsync'd transactions/s {run.Batches / seconds:F0}, mean batch {(double)writes / Math.Max(1, run.Batches):F1}, process CPU {run.Cpu.TotalSeconds / seconds * 100:F0}% of one core ({Environment.ProcessorCount} cores)");
    }
}
