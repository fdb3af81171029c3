using System.Diagnostics;
using Ipt.Cluster;
using Ipt.Cluster.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Ipt.Bench.Cluster;

/// <summary>
/// The ceiling of cluster mode's durable commands: Orleans' own ADO.NET grain storage,
/// WriteStateAsync of a ~1 KB state on the same PostgreSQL, from a silo in this process, each
/// caller waiting for its commit before the next (what a grain with [PersistentState] does).
/// </summary>
internal sealed class OrleansWriteCeiling : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IGrainStorage _storage;

    private OrleansWriteCeiling(IHost host)
    {
        _host = host;
        _storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
    }

    public static async Task<OrleansWriteCeiling> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments.WithoutConfigReload([]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = IptSiloHosting.PostgresProvider,
            ["Storage:Postgres:ConnectionString"] = connectionString,
            // Free ports: other silos may run on this machine.
            ["Orleans:SiloPort"] = ClusterProcesses.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ClusterProcesses.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.UseOrleans(silo => silo.AddIptLocalSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new OrleansWriteCeiling(host);
    }

    /// <summary>
    /// Writes per second and their latencies over <paramref name="seconds"/> (after a 2 s warm-up), and
    /// the CPU per write of this process (silo and load generator) and the database server.
    /// </summary>
    public async Task<(double PerSecond, LatencyReport Latency, TimeSpan CpuPerWrite)> MeasureAsync(int callers, int seconds, ServerCpu server)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var text = new string('s', 1024);
        using var stop = new CancellationTokenSource();
        var measuring = 0;
        var workers = Enumerable.Range(0, callers).Select(w => Task.Run(async () =>
        {
            var state = new GrainState<BenchState>(new BenchState { Text = text });
            var grain = GrainId.Create("bench", $"{run}/{w}");
            var latencies = new List<long>(100_000);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                state.State!.Counter++;
                await _storage.WriteStateAsync("bench", grain, state);
                if (Volatile.Read(ref measuring) == 1) latencies.Add(Stopwatch.GetTimestamp() - started);
            }
            return latencies;
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime + server.Used();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, 0);
        var elapsed = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime + server.Used() - cpu;
        await stop.CancelAsync();
        var report = new LatencyReport((await Task.WhenAll(workers)).SelectMany(l => l));
        return (report.Count / elapsed.TotalSeconds, report, cpu / Math.Max(1, report.Count));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
