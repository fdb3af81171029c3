using System.Diagnostics;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ipt.Bench;

/// <summary>A note of about 300 bytes: the size of a typical recorded case event.</summary>
[GenerateSerializer, Immutable, Alias("ipt.bench.NoteEvent")]
public sealed record BenchNoteEvent([property: Id(0)] string Text) : CaseEvent;

/// <summary>
/// Concurrent case writers against the embedded store in a temporary folder: each writer owns one
/// case (as one case grain would) and commits one event plus a ~4 KB snapshot per command, waiting
/// for the durable acknowledgement before the next.
/// </summary>
internal static class StoreBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-bench-" + Guid.NewGuid().ToString("N"));
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        try
        {
            await using var database = new EmbeddedDatabase(new EmbeddedStoreOptions { DataDirectory = folder, MaxBatchSize = args.Batch });
            var store = new EmbeddedCaseStore(database, serializer);
            var note = new BenchNoteEvent(new string('n', 300));
            // CaseState is still a placeholder record; padding its one field gives the snapshot the
            // serialized size the case model is expected to have.
            var padding = new string('s', 4096);

            using var stop = new CancellationTokenSource();
            var measuring = false;
            var writers = Enumerable.Range(0, args.Writers).Select(w => Task.Run(async () =>
            {
                var key = GrainKey.Scoped("bench", $"case-{w}");
                var latencies = new List<long>(capacity: 100_000);
                for (long version = 0; !stop.IsCancellationRequested; version++)
                {
                    var recorded = new RecordedEvent(version + 1, DateTimeOffset.UtcNow, Actor.System, note);
                    var started = Stopwatch.GetTimestamp();
                    await store.CommitAsync(new CaseCommit(key, version, [recorded], new CaseState { CaseId = key.LocalId, ClinicId = "clinic", TherapistId = "therapist", ClientAlias = padding }));
                    if (Volatile.Read(ref measuring)) latencies.Add(Stopwatch.GetTimestamp() - started);
                }

                return latencies;
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(1)); // warm-up: JIT, file growth
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var batchesBefore = database.CommittedBatches;
            var clock = Stopwatch.StartNew();
            Volatile.Write(ref measuring, true);
            await Task.Delay(TimeSpan.FromSeconds(args.Seconds));
            Volatile.Write(ref measuring, false);
            var elapsed = clock.Elapsed;
            var batches = database.CommittedBatches - batchesBefore;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await stop.CancelAsync();

            var all = (await Task.WhenAll(writers)).SelectMany(l => l).Order().ToArray();
            double Ms(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine($"store: {args.Writers} writers, batch <= {args.Batch}, {elapsed.TotalSeconds:F1} s measured");
            Console.WriteLine($"  commits/s   {all.Length / elapsed.TotalSeconds:F0}  ({all.Length} durable commits, 1 event ~300 B + snapshot ~4 KB each)");
            Console.WriteLine($"  latency ms  p50 {Ms(0.50):F2}  p95 {Ms(0.95):F2}  p99 {Ms(0.99):F2}  max {Ms(1.0):F2}");
            Console.WriteLine($"  fsync'd transactions/s {batches / elapsed.TotalSeconds:F0}, mean batch {(double)all.Length / Math.Max(1, batches):F1}");
            Console.WriteLine($"  process CPU {cpu.TotalSeconds / elapsed.TotalSeconds * 100:F0}% of one core ({Environment.ProcessorCount} cores)");
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
