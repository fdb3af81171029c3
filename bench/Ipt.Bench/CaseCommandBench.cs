using System.Diagnostics;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipt.Bench;

/// <summary>
/// Durable case commands through real grains on the embedded store (local mode): a silo in this
/// process, cases opened and carried to the middle phase, then concurrent callers sending the
/// commands of a working clinic (PHQ-9 and GAD-7 submissions, inventory updates), each acknowledged
/// only after its events are on disk.
/// </summary>
internal static class CaseCommandBench
{
    // A fresh tenant per run, so runs against one PostgreSQL database never meet.
    private static readonly string Tenant = "bench-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Runs on the embedded store, or on PostgreSQL when <paramref name="postgres"/> is a connection string.</summary>
    public static async Task<int> RunAsync(BenchArgs args, string? postgres = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-bench-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(HostArguments.WithoutConfigReload([]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Embedded:DataDirectory"] = folder,
            ["Storage:Provider"] = postgres is null ? IptSiloHosting.EmbeddedProvider : IptSiloHosting.PostgresProvider,
            ["Storage:Postgres:ConnectionString"] = postgres,
        });
        builder.UseOrleans(silo => silo.AddIptLocalSilo(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await SeedAsync(grains, args.Cases);
            Console.WriteLine($"cases: {args.Cases} cases opened and in the middle phase");

            using var stop = new CancellationTokenSource();
            var measuring = 0;
            // References made once, as the gateway keeps them (TenantGrains): making one per call costs
            // Orleans a reflection lookup, which would load the cores this benchmark measures.
            var cases = Enumerable.Range(0, args.Cases)
                .Select(i => grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(Tenant, $"case-{i}").ToString())).ToArray();
            var callers = Enumerable.Range(0, args.Writers).Select(w => Task.Run(async () =>
            {
                var latencies = new List<long>(100_000);
                var random = new Random(w);
                CallerContext.Set(Tenant, "t-bench", Roles.Therapist);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var grain = cases[random.Next(args.Cases)];
                    var started = Stopwatch.GetTimestamp();
                    var result = await grain.ExecuteAsync(Command(random), $"w{w}-{i}");
                    if (!result.Accepted) throw new InvalidOperationException(result.Error!.ToString());
                    if (Volatile.Read(ref measuring) == 1) latencies.Add(Stopwatch.GetTimestamp() - started);
                }
                return latencies;
            })).ToArray();

            // Warm-up: the tiered JIT needs seconds of load to reach its optimised code.
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(2, args.Seconds / 2)));
            var clock = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            Volatile.Write(ref measuring, 1);
            await Task.Delay(TimeSpan.FromSeconds(args.Seconds));
            Volatile.Write(ref measuring, 0);
            var elapsed = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await stop.CancelAsync();
            var report = new LatencyReport((await Task.WhenAll(callers)).SelectMany(l => l));

            Console.WriteLine($"cases ({(postgres is null ? "embedded" : "PostgreSQL")}): {args.Writers} concurrent callers over {args.Cases} cases, {elapsed.TotalSeconds:F1} s measured");
            Console.WriteLine($"  durable case commands/s  {report.Count / elapsed.TotalSeconds:F0}  ({report.Count} commands)");
            Console.WriteLine($"  latency ms  {report}");
            Console.WriteLine($"  process CPU {cpu.TotalSeconds / elapsed.TotalSeconds * 100:F0}% of one core ({Environment.ProcessorCount} cores)");
            return 0;
        }
        finally
        {
            await host.StopAsync();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The command mix: half PHQ-9, a quarter GAD-7, a quarter inventory updates.</summary>
    private static CaseCommand Command(Random random) => random.Next(4) switch
    {
        0 or 1 => new SubmitQuestionnaire(Instruments.Phq9, Answers(random, 9), null, null),
        2 => new SubmitQuestionnaire(Instruments.Gad7, Answers(random, 7), null, null),
        _ => new RecordRelationship(new Relationship("partner", "partner", Closeness.Inner, random.Next(5), random.Next(5),
            "shares the chores", "arguments since the move", true)),
    };

    private static int[] Answers(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.Next(3))];

    private static async Task SeedAsync(IGrainFactory grains, int cases)
    {
        await CallerContext.RunAs(null, "root", Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(Tenant).CreateAsync("Bench network"));
        CallerContext.Set(Tenant, "admin", Roles.TenantAdmin);
        await grains.GetGrain<ITenantGrain>(Tenant).AddClinicAsync("main", "Main clinic");
        await grains.GetGrain<IClinicGrain>(GrainKey.Scoped(Tenant, "main").ToString()).AddTherapistAsync("t-bench", "Bench", null);
        CallerContext.Set(Tenant, "t-bench", Roles.Therapist);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        CaseCommand[] script =
        [
            new OpenCase("main", "t-bench", "client", IptVariant.Standard),
            new MovePhase(CasePhase.Initial, null),
            new LogSession(1, today, Attendance.Attended, [Technique.InterpersonalInventory], null),
            new RecordRelationship(new Relationship("partner", "partner", Closeness.Inner, 2, 3, "help at home", "the move", false)),
            new SelectProblemArea("role-dispute", DisputeStage.Renegotiation, null),
            new RecordFormulation("Mood fell with the dispute after the move."),
            new AcceptFormulation(),
            new SetContract(16, null, null),
            new MovePhase(CasePhase.Middle, null),
        ];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var grain = grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(Tenant, $"case-{i}").ToString());
            foreach (var command in script)
            {
                var result = await grain.ExecuteAsync(command, null);
                if (!result.Accepted) throw new InvalidOperationException(result.Error!.ToString());
            }
        });
    }
}
