using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ipt.Bench.Run.Load;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ipt.Bench;

/// <summary>
/// The live caseload under load, through the real gateway (in-process silo, embedded store, Kestrel
/// on 127.0.0.1): <c>caseload</c> drives one clinic's cases as hard as the callers can and reports
/// the events per second into the clinic and how long the clinic grain takes to answer meanwhile;
/// <c>dashboard</c> holds D SSE connections over several clinics while commands commit at a set
/// rate, and reports the commit-to-receive lag from each delta's server timestamp, and version gaps.
/// </summary>
internal static class LiveBench
{
    private static readonly string Tenant = "live-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<int> CaseloadAsync(BenchArgs args)
    {
        await using var gateway = await StartAsync(clinics: 1);
        var grains = gateway.App.Services.GetRequiredService<IGrainFactory>();
        var cases = await OpenCasesAsync(grains, 1, args.Cases);
        var clinic = grains.GetGrain<IClinicGrain>(GrainKey.Scoped(Tenant, "clinic-0").ToString());
        var start = await As(() => clinic.GetCaseloadVersionAsync());
        var (events, seconds) = await DriveAsync(grains, cases, args.Writers, args.Seconds, ratePerSecond: null, probe: async probes =>
        {
            var t = Stopwatch.GetTimestamp();
            await As(() => clinic.GetCaseloadVersionAsync());
            probes.Add(Stopwatch.GetTimestamp() - t);
        });
        var committed = await As(() => clinic.GetCaseloadVersionAsync());
        var drained = Stopwatch.StartNew();
        var final = committed;
        // Wait until the clinic has applied every batch (its version stops moving).
        while (true)
        {
            await Task.Delay(200);
            var now = await As(() => clinic.GetCaseloadVersionAsync());
            if (now == final) break;
            final = now;
        }
        Console.WriteLine($"caseload: {args.Cases} cases of one clinic, {args.Writers} callers, {seconds:F1} s");
        Console.WriteLine($"  events committed: {events / seconds:F0}/s; deltas applied by the clinic: {(final - start) / seconds:F0}/s");
        Console.WriteLine($"  clinic backlog after the load: drained in {drained.Elapsed.TotalMilliseconds - 200:F0} ms");
        Console.WriteLine($"  clinic grain call while loaded (its queueing): {new LatencyReport(Probes)}");
        return 0;
    }

    public static async Task<int> DashboardAsync(BenchArgs args, int connections, int clinics, int eventsPerSecond)
    {
        await using var gateway = await StartAsync(clinics);
        var grains = gateway.App.Services.GetRequiredService<IGrainFactory>();
        var cases = await OpenCasesAsync(grains, clinics, args.Cases);
        var tokens = gateway.App.Services.GetRequiredService<TokenIssuer>();
        var dashboards = Enumerable.Range(0, connections)
            .Select(c => ($"clinic-{c % clinics}", tokens.Issue(new TokenRequest($"admin-{c}", Roles.TenantAdmin, Tenant)))).ToList();
        await using var sse = new SseWatchers(new Uri(gateway.App.Urls.First()), dashboards);
        await sse.WaitOpenAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        sse.Window = "load";
        sse.MeasureLag();
        var (events, seconds) = await DriveAsync(grains, cases, args.Writers, args.Seconds, eventsPerSecond, probe: null);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var live = sse.Result("load");
        Console.WriteLine($"dashboard: {connections} SSE connections over {clinics} clinics, {args.Cases} cases, {seconds:F1} s");
        Console.WriteLine($"  events committed: {events / seconds:F0}/s; deltas received: {live.Deltas} ({live.Deltas / seconds:F0}/s over all connections); snapshots: {live.Snapshots}");
        Console.WriteLine($"  commit -> receive lag (ms): p50 {live.P50:F2}  p99 {live.P99:F2}  max {live.Max:F2}");
        Console.WriteLine($"  version gaps: {live.Gaps}");
        return 0;
    }

    private static readonly ConcurrentBag<long> Probes = [];

    /// <summary>Commands from <paramref name="writers"/> callers; at most <paramref name="ratePerSecond"/> events/s when given.</summary>
    private static async Task<(long Events, double Seconds)> DriveAsync(IGrainFactory grains, string[] cases, int writers, int seconds,
        int? ratePerSecond, Func<ConcurrentBag<long>, Task>? probe)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        long events = 0;
        var clock = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            CallerContext.Set(Tenant, "t-bench", Roles.Therapist);
            while (!stop.IsCancellationRequested)
            {
                if (ratePerSecond is { } rate && Interlocked.Read(ref events) > rate * clock.Elapsed.TotalSeconds)
                {
                    await Task.Delay(2);
                    continue;
                }
                var grain = grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(Tenant, cases[random.Next(cases.Length)]).ToString());
                var answers = Enumerable.Range(0, 9).Select(_ => random.Next(4)).ToArray();
                answers[8] = 0;
                var result = await grain.ExecuteAsync(new SubmitQuestionnaire(Instruments.Phq9, answers, null, null), null);
                Interlocked.Add(ref events, result.Events.Count);
            }
        })).ToList();
        if (probe is not null)
        {
            while (!stop.IsCancellationRequested)
            {
                await probe(Probes);
                await Task.Delay(50);
            }
        }
        await Task.WhenAll(callers);
        return (events, clock.Elapsed.TotalSeconds);
    }

    private static async Task<BenchGateway> StartAsync(int clinics)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-live-bench-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(HostArguments.WithoutConfigReload([
            $"--urls=http://127.0.0.1:{port}",
            $"--Storage:Embedded:DataDirectory={folder}",
            "--Seeding:Demo=false",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            "--RateLimits:PerTenant:PerSecond=100000", "--RateLimits:PerTenant:Burst=100000",
        ]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddIptGateway();
        var app = builder.Build();
        app.MapIptGateway();
        await app.StartAsync();
        await CallerContext.RunAs(null, "bench", Roles.PlatformAdmin, () => app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(Tenant).CreateAsync("Bench network"));
        await CallerContext.RunAs(Tenant, "bench", Roles.TenantAdmin, async () =>
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            for (var c = 0; c < clinics; c++)
            {
                await grains.GetGrain<ITenantGrain>(Tenant).AddClinicAsync($"clinic-{c}", $"Clinic {c}");
                await grains.GetGrain<IClinicGrain>(GrainKey.Scoped(Tenant, $"clinic-{c}").ToString()).AddTherapistAsync($"t-bench-{c}", "Bench therapist", null);
            }
            return true;
        });
        return new BenchGateway(app, folder);
    }

    /// <summary>The gateway under test and its store's folder, removed once the gateway has stopped.</summary>
    private sealed record BenchGateway(WebApplication App, string Folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Disposing alone would tear the silo down without leaving the cluster (a non-graceful stop).
            await App.StopAsync();
            await App.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static async Task<string[]> OpenCasesAsync(IGrainFactory grains, int clinics, int count)
    {
        var ids = Enumerable.Range(0, count).Select(n => $"case-{n}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) =>
        {
            var clinic = int.Parse(id[5..], CultureInfo.InvariantCulture) % clinics;
            var result = await CallerContext.RunAs(Tenant, "bench", Roles.TenantAdmin, () =>
                grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(Tenant, id).ToString())
                    .ExecuteAsync(new OpenCase($"clinic-{clinic}", $"t-bench-{clinic}", "Client " + id, IptVariant.Standard), null));
            if (!result.Accepted) throw new InvalidOperationException(result.Error!.ToString());
        });
        Console.WriteLine($"opened {count} cases over {clinics} clinic(s)");
        return ids;
    }

    private static Task<T> As<T>(Func<Task<T>> call) => CallerContext.RunAs(Tenant, "bench", Roles.TenantAdmin, call);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
