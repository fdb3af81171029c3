using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ipt.Bench.Http;
using Ipt.Bench.Run.Load;
using Ipt.Bench.Run.Peer;
using Ipt.Bench.Run.Report;
using Ipt.Bench.Run.Seeding;
using Ipt.Cluster.Gateway.Identity;

namespace Ipt.Bench.Run;

/// <summary>
/// <c>run [--quick] [--mode local|cluster]</c>: the whole benchmark in one run, so every ratio compares
/// figures taken minutes apart on the same machine. Ceilings, seeding, the gateway under load with
/// dashboards open, the peer, memory per case, latency vs stored cases; then one JSON file, a Markdown
/// table and a summary.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(RunOptions options)
    {
        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..6];
        var report = new RunReport
        {
            StartedAt = DateTimeOffset.UtcNow, Mode = options.Mode, Profile = options.Quick ? "quick" : "full", Machine = MachineInfo.Current, Options = options,
        };
        var root = Repository.Root();
        var work = Path.Combine(Path.GetTempPath(), "ipt-run-" + run);
        var data = Path.Combine(work, "data");
        // A run stopped half-way (SIGTERM) skips the finally below: its seeded data goes anyway.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        };
        try
        {
            Step(1, "ceilings");
            report.Ceilings.AddRange(await Ceilings.MeasureAsync(options, options.HttpConnections));

            Step(2, $"seeding {options.Tenants} tenants x {options.ClinicsPerTenant} clinics, {options.Cases:N0} cases");
            SeededNetwork network;
            using (var silo = await BenchSilo.StartAsync(data, options.Mode == "cluster" ? options.Connection : null))
            {
                network = await NetworkSeeder.SeedAsync(silo, options, run);
                await silo.StopAsync();
            }
            report.Seed = new SeedResult(network.Tenants.Count, network.Clinics.Count, network.Cases.Count, network.Events, network.Took.TotalSeconds);

            Step(3, $"gateway over HTTP, {options.SseConnections} dashboards open");
            var keyPath = Path.Combine(data, TokenSettings.SigningKeyFile);
            var tokens = Tokens.FromKeyFile(keyPath);
            await using (var system = options.Mode == "cluster"
                ? await ClusterProcesses.StartAsync(options, keyPath, work)
                : await ClusterProcesses.StartLocalAsync(data))
            {
                await GatewayLoad.RunAsync(system.Url, network, tokens, options, report);
            }

            Step(4, "peer: Medplum FHIR router");
            if (!options.Peer) report.Notes.Add("peer skipped (--no-peer)");
            else if (!OnPath("node") || !OnPath("npm")) Skip(report, "peer skipped: node and npm are needed for Medplum's FHIR router and are not on PATH");
            else report.Peer = await PeerAsync(root, options, report);

            if (options.Mode == "local")
            {
                Step(5, $"memory per active case ({options.MemoryCases:N0} cases)");
                report.Memory = await MemoryPerCase.MeasureAsync(data, network, options.MemoryCases);
                Step(6, "latency vs stored cases");
                report.Scale.AddRange(await ScaleSteps.MeasureAsync(Path.Combine(work, "scale"), options, run));
            }
            else report.Notes.Add("memory per case and latency vs stored cases are measured in local mode (in-process silo, embedded store)");
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }

        Targets.Evaluate(report);
        report.TotalSeconds = clock.Elapsed.TotalSeconds;
        var (json, markdown) = await WriteAsync(report, Path.Combine(root, options.Output));
        Console.WriteLine();
        Console.WriteLine($"targets ({report.Mode}, {report.Profile}, {report.TotalSeconds:F0} s):");
        foreach (var t in report.Targets)
            Console.WriteLine($"  [{(t.Met is null ? "n/a" : t.Met.Value ? "met" : "MISSED")}] {t.Target}: {t.Measured}; target {t.Goal}; {t.Verdict}");
        Console.WriteLine($"results: {Path.GetRelativePath(root, json)} and {Path.GetRelativePath(root, markdown)}");
        return 0;
    }

    private static async Task<PeerResult> PeerAsync(string root, RunOptions options, RunReport report)
    {
        await using var peer = await MedplumPeer.StartAsync(root);
        var fhir = await FhirMix.SeedAsync(peer.Url, options.Quick ? 200 : 1000);
        await Wrk.WarmUpAsync(peer.Url + fhir.ReadPaths[0], options.CeilingSeconds, options.WarmUpMaxRounds, options.HttpConnections, null, fhir.ReadPaths);
        var reads = await Wrk.RunAsync("Medplum FHIR router reads", peer.Url + fhir.ReadPaths[0], options.CeilingSeconds, options.HttpConnections, null, fhir.ReadPaths);
        Console.WriteLine("  " + reads);
        using var load = new HttpLoad(new Uri(peer.Url), fhir);
        var mix = await load.ClosedLoopAsync("Medplum FHIR router: create and read Goal and Observation", options.HttpConnections, options.Seconds);
        Console.WriteLine($"  peer mix: {mix.TotalPerSecond:N0} req/s");
        return new PeerResult("Medplum @medplum/fhir-router 4.5.2, in-memory repository, node:http", reads, report.CaseReads!, mix,
            report.Phases.First(p => p.Name == Phases.PeerShape));
    }

    private static async Task<(string Json, string Markdown)> WriteAsync(RunReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var name = $"{report.StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{report.Mode}{(report.Options.Quick ? "-quick" : "")}";
        var json = Path.Combine(folder, name + ".json");
        var markdown = Path.Combine(folder, name + ".md");
        var jsonOptions = new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, jsonOptions));
        await File.WriteAllTextAsync(markdown, MarkdownReport.Render(report));
        return (json, markdown);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, program)));

    private static void Skip(RunReport report, string why)
    {
        Console.WriteLine("  " + why);
        report.Notes.Add(why);
    }

    private static void Step(int n, string what) => Console.WriteLine($"[{n}/6] {what}");
}
