using System.Diagnostics;
using Ipt.Bench.Run.Seeding;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Bench.Run;

/// <summary>Memory one active realistic case costs: working set and GC heap delta over N activated cases, in bytes a case.</summary>
internal sealed record MemoryResult(int ActivatedCases, double WorkingSetBytesPerCase, double GcHeapBytesPerCase, double MeanEventsPerCase);

/// <summary>
/// A silo of the product in this process on the seeded data folder: N seeded cases (realistic
/// histories) activated by a read, the process measured before and after with full blocking GCs.
/// </summary>
internal static class MemoryPerCase
{
    public static async Task<MemoryResult> MeasureAsync(string dataDirectory, SeededNetwork network, int count)
    {
        using var silo = await BenchSilo.StartAsync(dataDirectory);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var cases = network.Cases.Take(Math.Min(count, network.Cases.Count)).ToList();
        // The first activation also loads the code paths and the tenant's settings: not a case's cost.
        await Activate(grains, cases.Take(1));
        var (heapBefore, workingSetBefore) = await SettleAsync();
        var events = await Activate(grains, cases);
        var (heapAfter, workingSetAfter) = await SettleAsync();
        await silo.StopAsync();
        return new MemoryResult(cases.Count, (double)(workingSetAfter - workingSetBefore) / cases.Count,
            (double)(heapAfter - heapBefore) / cases.Count, (double)events / cases.Count);
    }

    private static async Task<long> Activate(IGrainFactory grains, IEnumerable<SeededCase> cases)
    {
        long events = 0;
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) =>
        {
            var state = await CallerContext.RunAs(c.Tenant, c.TherapistId, Roles.Therapist,
                () => grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(c.Tenant, c.CaseId).ToString()).GetAsync());
            Interlocked.Add(ref events, state?.Version ?? throw new InvalidOperationException($"Seeded case {c.CaseId} is missing."));
        });
        return events;
    }

    private static async Task<(long Heap, long WorkingSet)> SettleAsync()
    {
        // Activation kicks off background work (the flag-review reminder); let it finish first.
        await Task.Delay(TimeSpan.FromSeconds(2));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}
