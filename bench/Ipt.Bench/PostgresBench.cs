using System.Diagnostics;
using Ipt.Cluster;
using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace Ipt.Bench;

/// <summary>A grain state of about the size of the product's tenant and clinic states.</summary>
[GenerateSerializer, Alias("ipt.bench.State")]
public sealed class BenchState
{
    [Id(0)] public string Text { get; set; } = "";

    [Id(1)] public long Counter { get; set; }
}

/// <summary>
/// The PostgreSQL baselines the product's figures are compared with: raw single-row INSERT commits
/// (pg-raw), and Orleans' own ADO.NET grain storage WriteStateAsync (pg-orleans), each caller
/// waiting for its commit before the next. The database is migrated first (idempotent).
/// </summary>
internal static class PostgresBench
{
    public static async Task<int> RawAsync(BenchArgs args, string connectionString)
    {
        Print($"pg-raw: {args.Writers} connections, single-row INSERT, one commit each", await MeasureRawAsync(args, connectionString), args);
        return 0;
    }

    public static async Task<int> OrleansAsync(BenchArgs args, string connectionString)
    {
        Print($"pg-orleans: {args.Writers} callers, Orleans ADO.NET WriteStateAsync (~1 KB state)", await MeasureOrleansAsync(args, connectionString), args);
        return 0;
    }

    /// <summary>Raw single-row INSERT commits, each writer waiting for its commit.</summary>
    public static async Task<(LatencyReport Report, TimeSpan Elapsed)> MeasureRawAsync(BenchArgs args, string connectionString)
    {
        await MigrateAsync(connectionString);
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = args.Writers + 4 }.ConnectionString);
        await using (var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, writer int NOT NULL, payload text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var payload = new string('r', 300);
        return await MeasureAsync(args, async _ =>
        {
            await using var insert = source.CreateCommand("INSERT INTO bench_raw (writer, payload) VALUES (1, @payload)");
            insert.Parameters.AddWithValue("payload", payload);
            await insert.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Orleans' own ADO.NET grain storage on the same database: WriteStateAsync of a ~1 KB state per caller.</summary>
    public static async Task<(LatencyReport Report, TimeSpan Elapsed)> MeasureOrleansAsync(BenchArgs args, string connectionString)
    {
        await MigrateAsync(connectionString);
        var builder = Host.CreateApplicationBuilder(HostArguments.WithoutConfigReload([]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = IptSiloHosting.PostgresProvider,
            ["Storage:Postgres:ConnectionString"] = connectionString,
            // Free ports: the default ones may belong to someone else's silo on this machine.
            ["Orleans:SiloPort"] = Run.Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = Run.Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.UseOrleans(silo => silo.AddIptLocalSilo(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
            var run = Guid.NewGuid().ToString("N")[..8];
            var text = new string('s', 1024);
            var states = Enumerable.Range(0, args.Writers).Select(_ => new GrainState<BenchState>(new BenchState { Text = text })).ToArray();
            return await MeasureAsync(args, async w =>
            {
                var state = states[w];
                state.State!.Counter++;
                await storage.WriteStateAsync("bench", GrainId.Create("bench", $"{run}/{w}"), state);
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task MigrateAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(source).MigrateAsync();
    }

    private static async Task<(LatencyReport Report, TimeSpan Elapsed)> MeasureAsync(BenchArgs args, Func<int, Task> operation)
    {
        using var stop = new CancellationTokenSource();
        var measuring = 0;
        var workers = Enumerable.Range(0, args.Writers).Select(w => Task.Run(async () =>
        {
            var latencies = new List<long>(100_000);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(w);
                if (Volatile.Read(ref measuring) == 1) latencies.Add(Stopwatch.GetTimestamp() - started);
            }
            return latencies;
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2)); // warm-up: JIT, pool
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(TimeSpan.FromSeconds(args.Seconds));
        Volatile.Write(ref measuring, 0);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        return (new LatencyReport((await Task.WhenAll(workers)).SelectMany(l => l)), elapsed);
    }

    private static void Print(string title, (LatencyReport Report, TimeSpan Elapsed) result, BenchArgs args)
    {
        Console.WriteLine($"{title}, {result.Elapsed.TotalSeconds:F1} s measured");
        Console.WriteLine($"  commits/s   {result.Report.Count / result.Elapsed.TotalSeconds:F0}  ({result.Report.Count} commits, {args.Writers} concurrent)");
        Console.WriteLine($"  latency ms  {result.Report}");
    }
}
