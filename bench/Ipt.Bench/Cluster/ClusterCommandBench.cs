using System.Diagnostics;
using Ipt.Bench.Http;
using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;

namespace Ipt.Bench.Cluster;

/// <summary>
/// Issue 5's speed figure: durable case commands through the gateway in cluster mode (real silo
/// and gateway processes on PostgreSQL, real JWTs, audit, history), as a ratio to raw Orleans
/// WriteStateAsync on the same PostgreSQL, measured in the same run. The two alternate for
/// <c>--rounds</c> rounds, so a change in the machine's other load hits both alike. Beside the
/// ratio it reports CPU per operation (processes under test plus the database server), which is
/// what sets the ratio when the cores are the limit. The run gets its own database, dropped at the end.
/// <para>
/// One silo by default, as on the ceiling's side: the issue asks for the overhead of gateway, domain,
/// history and audit, and like for like that is all the ratio holds. <c>--silos 2</c> adds a second
/// silo process on the same two cores, which the ceiling does not pay for (a second runtime, calls
/// between silos, smaller group commits): 0.1-0.3 ms more CPU a command here (docs/measurements.md).
/// </para>
/// </summary>
internal static class ClusterCommandBench
{
    public const double Target = 0.9;

    public static async Task<int> RunAsync(BenchArgs args, string connection, int silos, int rounds)
    {
        var database = "ipt_bench_" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = await CreateDatabaseAsync(connection, database);
        try
        {
            return await RunOnAsync(args, connectionString, silos, rounds);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task<int> RunOnAsync(BenchArgs args, string connectionString, int silos, int rounds)
    {
        Console.WriteLine($"pg-gateway: {silos} silo process{(silos == 1 ? "" : "es")} + 1 gateway process in cluster mode, {args.Cases} cases, " +
            $"{args.Writers} connections, {rounds} x {args.Seconds} s each side, {Environment.ProcessorCount} cores shared with the load generator");
        await using var cluster = await ClusterProcesses.StartAsync(connectionString, silos);
        Console.WriteLine("  processes: " + string.Join(", ", cluster.Processes.Select(p => $"{p.Name} pid {p.Process.Id}")));
        var server = await ServerCpu.FindAsync(connectionString);
        var cases = Enumerable.Range(0, args.Cases).Select(i => $"case-{i}").ToList();
        var therapist = await cluster.TokenAsync("t-bench", "therapist", ClusterSeeder.Tenant);
        await ClusterSeeder.SeedAsync(cluster, cases, therapist);
        await using var ceiling = await OrleansWriteCeiling.StartAsync(connectionString);
        // Each side warmed until its throughput settles (rounds of half a measurement): a profile of
        // a short warm-up showed a third of the cluster's CPU in the JIT during the measured load,
        // and after a fixed 20 s one run's first round still took 0.97 ms of CPU a command, the rounds after 0.65-0.70.
        var warmUpSeconds = Math.Max(1, args.Seconds / 2);
        var ceilingRounds = await Settling.WarmUpAsync(async () => (await ceiling.MeasureAsync(args.Writers, warmUpSeconds, server)).PerSecond);
        var gatewayRounds = await Settling.WarmUpAsync(async () =>
            (await Wrk.RunCommandMixAsync("warm-up", cluster.Url, warmUpSeconds, args.Writers, therapist, cases)).RequestsPerSecond);
        Console.WriteLine($"  warm-up: pg-orleans settled after {ceilingRounds} rounds of {warmUpSeconds} s, the gateway's commands after {gatewayRounds}");

        var rows = new List<Round>();
        for (var round = 1; round <= rounds; round++)
        {
            var (perSecond, latency, ceilingCpu) = await ceiling.MeasureAsync(args.Writers, args.Seconds, server);
            var cpu = new CpuMeter(cluster.Processes, server);
            var transactions = await TransactionsAsync(connectionString);
            var gateway = await Wrk.RunCommandMixAsync("durable commands via gateway", cluster.Url, args.Seconds, args.Writers, therapist, cases);
            var split = cpu.Report();
            var commands = Math.Max(1, gateway.RequestsPerSecond * cpu.Elapsed.TotalSeconds);
            var row = new Round(perSecond, latency, ceilingCpu, gateway, split, cpu.Total / commands,
                (await TransactionsAsync(connectionString) - transactions) / commands);
            rows.Add(row);
            Console.WriteLine($"  round {round}: pg-orleans {perSecond,6:F0} writes/s (p99 {latency.Ms(0.99):F1} ms) | gateway {gateway.RequestsPerSecond,6:F0} commands/s " +
                $"(p50 {gateway.P50:F1}, p99 {gateway.P99:F1} ms, non-2xx {gateway.Non2xx}, socket errors {gateway.Errors}) | ratio {gateway.RequestsPerSecond / perSecond:F2}");
            Console.WriteLine($"           CPU per op: pg-orleans {ceilingCpu.TotalMilliseconds:F2} ms (bench process + PostgreSQL), gateway command " +
                $"{row.GatewayCpu.TotalMilliseconds:F2} ms ({row.CpuSplit}); PostgreSQL transactions per command {row.Transactions:F2}");
            if (gateway.Answers.Length > 0) Console.WriteLine($"           answers other than 2xx: {gateway.Answers}");
        }

        var ratio = rows.Sum(r => r.Gateway.RequestsPerSecond) / rows.Sum(r => r.Ceiling);
        // Failed: what the server did not do (5xx, broken connections). A 4xx is a refusal, printed by
        // status and code above: the domain's, of a command the random mix should not have sent
        // (progress on a milestone already achieved).
        var refused = rows.Sum(r => r.Gateway.Refused);
        var failures = rows.Sum(r => r.Gateway.Non2xx + r.Gateway.Errors) - refused;
        Console.WriteLine($"  pg-orleans (raw Orleans WriteStateAsync, {args.Writers} callers): {rows.Average(r => r.Ceiling):F0} writes/s, " +
            $"p99 {rows.Max(r => r.CeilingLatency.Ms(0.99)):F1} ms, CPU {rows.Average(r => r.CeilingCpu.TotalMilliseconds):F2} ms/write");
        Console.WriteLine($"  durable commands through the gateway ({args.Writers} connections): {rows.Average(r => r.Gateway.RequestsPerSecond):F0}/s, " +
            $"p50 {rows.Average(r => r.Gateway.P50):F1} ms, p99 {rows.Max(r => r.Gateway.P99):F1} ms, {failures} failed, {refused} refused (4xx), " +
            $"CPU {rows.Average(r => r.GatewayCpu.TotalMilliseconds):F2} ms/command");
        Console.WriteLine($"  ratio gateway / pg-orleans = {ratio:F2} (target >= {Target})");
        return failures == 0 ? 0 : 1;
    }

    private sealed record Round(double Ceiling, LatencyReport CeilingLatency, TimeSpan CeilingCpu, WrkResult Gateway, string CpuSplit,
        TimeSpan GatewayCpu, double Transactions);

    private static async Task<string> CreateDatabaseAsync(string connection, string database)
    {
        await ExecuteAsync(connection, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(connection) { Database = database }.ConnectionString;
        await using var source = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(source).MigrateAsync();
        return connectionString;
    }

    /// <summary>Committed transactions of this run's database so far (PostgreSQL's statistics).</summary>
    private static async Task<long> TransactionsAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>CPU time of the cluster's processes and the database server from now on.</summary>
    private sealed class CpuMeter
    {
        private readonly (string Name, Process Process, TimeSpan Start)[] _processes;
        private readonly ServerCpu _server;
        private readonly TimeSpan _serverStart;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _total;

        public CpuMeter(IEnumerable<(string Name, Process Process)> processes, ServerCpu server)
        {
            _processes = [.. processes.Select(p => (p.Name, p.Process, Cpu(p.Process)))];
            _server = server;
            _serverStart = server.Used();
        }

        public TimeSpan Elapsed { get; private set; }

        public TimeSpan Total => _total;

        /// <summary>Stops the meter; each part's CPU as % of one core.</summary>
        public string Report()
        {
            Elapsed = _clock.Elapsed;
            var parts = _processes.Select(p => (p.Name, Used: Cpu(p.Process) - p.Start))
                .Append((Name: "PostgreSQL", Used: _server.Used() - _serverStart)).ToList();
            _total = parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Used);
            return string.Join(", ", parts.Select(p => $"{p.Name} {p.Used.TotalSeconds / Elapsed.TotalSeconds * 100:F0}%"));
        }

        private static TimeSpan Cpu(Process process)
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }
}
