using System.Diagnostics;
using Ipt.Bench.Run.Seeding;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Bench.Run;

/// <summary>
/// Latency (ms) of a read and of a durable command on cases not active before, with S cases stored;
/// and of the store's load alone (no activation), the part of a cold read that grows with the file.
/// </summary>
internal sealed record ScaleStep(int StoredCases, double SeedSeconds, double ReadP50, double ReadP95, double ReadP99,
    double CommandP50, double CommandP95, double CommandP99, double LoadP50, double LoadP99);

/// <summary>
/// How latency changes as the store grows: one store filled in steps (10k, 100k, 1M cases), and at
/// each step a sample of reads and of PHQ-9 submissions through the case grains, each on a case not
/// active before, so every one loads from the store (the part that grows). The cases are filled in
/// bulk straight into the product's case store: 64 realistic histories decided by the domain engine,
/// copied under new case ids (deciding a million courses one by one would take most of an hour).
/// </summary>
internal static class ScaleSteps
{
    private const int Templates = 64;
    private const int Callers = 16;

    /// <summary>The step alone, in a folder of its own removed afterwards.</summary>
    public static async Task<int> RunAsync(RunOptions options)
    {
        var work = Path.Combine(Path.GetTempPath(), "ipt-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var steps = await MeasureAsync(work, options, DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            if (steps.Count > 1)
            {
                Console.WriteLine($"  largest vs smallest: reads {steps[^1].ReadP50 / steps[0].ReadP50:F2}x, commands {steps[^1].CommandP50 / steps[0].CommandP50:F2}x (p50)");
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    public static async Task<List<ScaleStep>> MeasureAsync(string dataDirectory, RunOptions options, string run)
    {
        using var silo = await BenchSilo.StartAsync(dataDirectory);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var store = silo.Services.GetRequiredService<ICaseStore>();
        var tenant = "scale-" + run;
        await SetUpAsync(grains, tenant);
        var templates = Enumerable.Range(0, Templates)
            .Select(seed => CaseHistoryScript.Run("template", "clinic-0", "th-0", seed, DateTimeOffset.UtcNow)).ToArray();
        var steps = new List<ScaleStep>();
        var stored = 0;
        var random = new Random(7);
        var touched = new HashSet<int>();
        foreach (var target in options.ScaleSteps)
        {
            var progress = new ProgressBar($"store {target,9:N0}", target - stored);
            var from = stored;
            await Parallel.ForEachAsync(Enumerable.Range(from, target - from), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (n, cancel) =>
            {
                var template = templates[n % Templates];
                var id = SeedNames.Case(n);
                await store.CommitAsync(new CaseCommit(GrainKey.Scoped(tenant, id), 0, template.Events,
                    template.State with { CaseId = id, ClientAlias = "client " + id }), cancel);
                progress.Advance();
            });
            stored = target;
            var seeded = progress.Finish();
            LatencyReport reads = new([]), commands = new([]), loads = new([]);
            int Fresh()
            {
                lock (touched)
                {
                    if (touched.Count >= stored) throw new InvalidOperationException("More samples than stored cases: lower the sample count.");
                    while (true)
                    {
                        var n = random.Next(stored);
                        if (touched.Add(n)) return n;
                    }
                }
            }
            // Unrecorded warm-up of both paths, so the first step does not carry the JIT and pool start-up.
            for (var pass = 0; pass < 2; pass++)
            {
                var recorded = pass == 1;
                var samples = recorded ? options.ScaleSamples : Math.Max(50, options.ScaleSamples / 10);
                var readSample = await SampleAsync(tenant, samples, ReadFresh);
                var commandSample = await SampleAsync(tenant, samples, CommandFresh);
                var loadSample = await SampleAsync(tenant, samples, LoadFresh);
                if (recorded) (reads, commands, loads) = (readSample, commandSample, loadSample);
            }
            async Task ReadFresh() =>
                await grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(tenant, SeedNames.Case(Fresh())).ToString()).GetAsync();
            // The store's part alone, on cases neither activated nor loaded before.
            async Task LoadFresh() => await store.LoadAsync(GrainKey.Scoped(tenant, SeedNames.Case(Fresh())));
            async Task CommandFresh()
            {
                var result = await grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(tenant, SeedNames.Case(Fresh())).ToString())
                    .ExecuteAsync(new SubmitQuestionnaire(Instruments.Phq9, [1, 1, 2, 1, 0, 1, 2, 1, 0], null, null), null);
                if (!result.Accepted) throw new InvalidOperationException(result.Error!.ToString());
            }
            var step = new ScaleStep(target, seeded.TotalSeconds, reads.Ms(0.5), reads.Ms(0.95), reads.Ms(0.99),
                commands.Ms(0.5), commands.Ms(0.95), commands.Ms(0.99), loads.Ms(0.5), loads.Ms(0.99));
            Console.WriteLine($"  {target,9:N0} stored cases: read (cold) p50 {step.ReadP50:F2} p99 {step.ReadP99:F2} ms; PHQ-9 (cold) p50 {step.CommandP50:F2} p99 {step.CommandP99:F2} ms; store load alone p50 {step.LoadP50:F2} p99 {step.LoadP99:F2} ms");
            steps.Add(step);
        }
        await silo.StopAsync();
        return steps;
    }

    /// <summary>The tenant, and the clinic and therapist the copied histories name, through the grains.</summary>
    private static async Task SetUpAsync(IGrainFactory grains, string tenant)
    {
        await CallerContext.RunAs(null, "seed", Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(tenant).CreateAsync("Scale network"));
        await CallerContext.RunAs(tenant, "seed", Roles.TenantAdmin, async () =>
        {
            await grains.GetGrain<ITenantGrain>(tenant).AddClinicAsync("clinic-0", "Clinic 0");
            return await grains.GetGrain<IClinicGrain>(GrainKey.Scoped(tenant, "clinic-0").ToString()).AddTherapistAsync("th-0", "Therapist", null);
        });
    }

    private static async Task<LatencyReport> SampleAsync(string tenant, int count, Func<Task> operation)
    {
        var left = count;
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var ticks = new List<long>();
            CallerContext.Set(tenant, "th-0", Roles.Therapist);
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                ticks.Add(Stopwatch.GetTimestamp() - started);
            }
            return ticks;
        }));
        return new LatencyReport((await Task.WhenAll(callers)).SelectMany(t => t));
    }
}
