using Ipt.Bench;

// Usage: dotnet run -c Release --project bench/Ipt.Bench -- SUBCOMMAND [--seconds 10] [--writers 64] [--batch 256] [--cases 2000]
//   store | audit | cases             the embedded store (local mode)
//   fhir                              FHIR R4 export of a 16-session case
//   gateway                           audited case reads through the gateway vs ceilings (needs wrk)
//   idle                              the local gateway's CPU at rest, demo tenant seeded (--seconds)
//   caseload                          one clinic's live projection under load (--cases, --writers)
//   dashboard                         SSE lag and gaps: --connections 200 --clinics 4 --rate 1000 (events/s)
//   run [--quick] [--mode local|cluster]  the whole benchmark in one run (README, Benchmark)
//   scale [--scale 10000,100000,1000000]  the run's latency-vs-stored-cases step alone
//   pg-raw | pg-orleans | pg-cases    PostgreSQL: --connection CONNSTRING or env IPT_PG_CONNECTION
//                                     (pg-raw defaults to 16 connections, the others to 64 callers)
//   pg-gateway                        cluster mode: durable commands through silo + gateway processes vs pg-orleans
//                                     in the same run (--silos 1 --rounds 2 --cases 2000 --writers 64; needs wrk)
var (connection, rest) = TakeConnection(args.Skip(1).ToArray());
return args.FirstOrDefault() switch
{
    "run" => await Ipt.Bench.Run.RunCommand.RunAsync(Ipt.Bench.Run.RunOptions.Parse(rest, connection)),
    "scale" => await Ipt.Bench.Run.ScaleSteps.RunAsync(Ipt.Bench.Run.RunOptions.Parse(rest, connection)),
    "store" => await StoreBench.RunAsync(BenchArgs.Parse(rest)),
    "audit" => await AuditBench.RunAsync(BenchArgs.Parse(rest)),
    "cases" => await CaseCommandBench.RunAsync(BenchArgs.Parse(rest)),
    "pg-raw" => await PostgresBench.RawAsync(BenchArgs.Parse(["--writers", "16", .. rest]), Require(connection)),
    "pg-orleans" => await PostgresBench.OrleansAsync(BenchArgs.Parse(rest), Require(connection)),
    "pg-cases" => await CaseCommandBench.RunAsync(BenchArgs.Parse(rest), Require(connection)),
    "pg-gateway" => await Ipt.Bench.Cluster.ClusterCommandBench.RunAsync(BenchArgs.Parse(Without(rest, "--silos", "--rounds")), Require(connection), Option(rest, "--silos", 1), Option(rest, "--rounds", 2)),
    "fhir" => FhirExportBench.Run(),
    "gateway" => await Ipt.Bench.Http.GatewayReadBench.RunAsync(BenchArgs.Parse(rest)),
    "idle" => await Ipt.Bench.Http.IdleBench.RunAsync(BenchArgs.Parse(rest)),
    "caseload" => await LiveBench.CaseloadAsync(BenchArgs.Parse(rest)),
    "dashboard" => await LiveBench.DashboardAsync(BenchArgs.Parse(Without(rest, "--connections", "--clinics", "--rate")),
        Option(rest, "--connections", 200), Option(rest, "--clinics", 4), Option(rest, "--rate", 1000)),
    _ => Usage(),
};

static (string? Connection, string[] Remaining) TakeConnection(string[] args)
{
    var at = Array.IndexOf(args, "--connection");
    if (at < 0 || at + 1 >= args.Length) return (Environment.GetEnvironmentVariable("IPT_PG_CONNECTION"), args);
    return (args[at + 1], [.. args[..at], .. args[(at + 2)..]]);
}

static int Option(string[] args, string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static string[] Without(string[] args, params string[] names)
{
    var kept = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (names.Contains(args[i])) i++;
        else kept.Add(args[i]);
    }
    return [.. kept];
}

static string Require(string? connection) =>
    string.IsNullOrWhiteSpace(connection)
        ? throw new ArgumentException("PostgreSQL benches need --connection CONNSTRING or IPT_PG_CONNECTION (scripts/pg-start.sh prints one).")
        : connection;

static int Usage()
{
    Console.Error.WriteLine("usage: Ipt.Bench run [--quick] [--mode local|cluster] | scale [--scale N,N,N] | store|audit|cases|fhir|gateway|caseload|dashboard|pg-raw|pg-orleans|pg-cases|pg-gateway [--seconds N] [--writers N] [--batch N] [--cases N] [--connection CONNSTRING]");
    return 2;
}
