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
using Microsoft.Extensions.Hosting;

namespace Ipt.Bench.Run;

/// <summary>A silo on a store filled with S cases, and the latencies sampled on it so far.</summary>
internal sealed class FilledStore : IAsyncDisposable
{
    private const int Callers = 16;

    private readonly IHost _silo;
    private readonly IGrainFactory _grains;
    private readonly ICaseStore _store;
    private readonly string _tenant;
    private readonly int _stored;
    private readonly double _seedSeconds;
    private readonly Random _random = new(7);
    private readonly HashSet<int> _touched = [];
    private readonly List<long> _reads = [], _commands = [], _loads = [];

    private FilledStore(IHost silo, string tenant, int stored, double seedSeconds)
    {
        _silo = silo;
        _grains = silo.Services.GetRequiredService<IGrainFactory>();
        _store = silo.Services.GetRequiredService<ICaseStore>();
        _tenant = tenant;
        _stored = stored;
        _seedSeconds = seedSeconds;
    }

    public static async Task<FilledStore> StartAsync(string dataDirectory, string tenant, int cases, CaseHistory[] templates)
    {
        var silo = await BenchSilo.StartAsync(dataDirectory);
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var store = silo.Services.GetRequiredService<ICaseStore>();
            await SetUpAsync(grains, tenant);
            var progress = new ProgressBar($"store {cases,9:N0}", cases);
            await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (n, cancel) =>
            {
                var template = templates[n % templates.Length];
                var id = SeedNames.Case(n);
                await store.CommitAsync(new CaseCommit(GrainKey.Scoped(tenant, id), 0, template.Events,
                    template.State with { CaseId = id, ClientAlias = "client " + id }), cancel);
                progress.Advance();
            });
            return new FilledStore(silo, tenant, cases, progress.Finish().TotalSeconds);
        }
        catch
        {
            await silo.StopAsync();
            silo.Dispose();
            throw;
        }
    }

    /// <summary>N reads, then N PHQ-9 submissions, then N loads from the store alone, each on a case not touched before.</summary>
    public async Task SampleAsync(int count, bool record)
    {
        var reads = await TimeAsync(count, async () =>
            await _grains.GetGrain<IClientCaseGrain>(Key(Fresh()).ToString()).GetAsync());
        var commands = await TimeAsync(count, async () =>
        {
            var result = await _grains.GetGrain<IClientCaseGrain>(Key(Fresh()).ToString())
                .ExecuteAsync(new SubmitQuestionnaire(Instruments.Phq9, [1, 1, 2, 1, 0, 1, 2, 1, 0], null, null), null);
            if (!result.Accepted) throw new InvalidOperationException(result.Error!.ToString());
        });
        // The store's part alone, on cases neither activated nor loaded before.
        var loads = await TimeAsync(count, async () => await _store.LoadAsync(Key(Fresh())));
        if (!record) return;
        _reads.AddRange(reads);
        _commands.AddRange(commands);
        _loads.AddRange(loads);
    }

    public ScaleStep Step()
    {
        LatencyReport reads = new(_reads), commands = new(_commands), loads = new(_loads);
        return new ScaleStep(_stored, _seedSeconds, reads.Ms(0.5), reads.Ms(0.95), reads.Ms(0.99),
            commands.Ms(0.5), commands.Ms(0.95), commands.Ms(0.99), loads.Ms(0.5), loads.Ms(0.99));
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
    }

    private GrainKey Key(int n) => GrainKey.Scoped(_tenant, SeedNames.Case(n));

    private int Fresh()
    {
        lock (_touched)
        {
            if (_touched.Count >= _stored) throw new InvalidOperationException("More samples than stored cases: lower the sample count.");
            while (true)
            {
                var n = _random.Next(_stored);
                if (_touched.Add(n)) return n;
            }
        }
    }

    private async Task<IEnumerable<long>> TimeAsync(int count, Func<Task> operation)
    {
        var left = count;
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var ticks = new List<long>();
            CallerContext.Set(_tenant, "th-0", Roles.Therapist);
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                ticks.Add(Stopwatch.GetTimestamp() - started);
            }
            return ticks;
        }));
        return (await Task.WhenAll(callers)).SelectMany(t => t);
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
}
