using Ipt.Bench.Run;

namespace Ipt.Bench.Http;

/// <summary>
/// Issue 3's speed figure: an authenticated, audited case read through the real gateway, as a
/// ratio to the throughput of a bare endpoint making one grain call, measured in the same run.
/// </summary>
internal static class GatewayReadBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var results = new List<WrkResult>();
        await using (var ceiling = await CeilingHost.StartAsync(Ports.Free(), Ports.Free(), Ports.Free()))
        {
            // Each side warmed until its throughput settles: the tiered JIT needs seconds of load.
            await Wrk.WarmUpAsync(ceiling.Url + "/bare", args.Seconds);
            await Wrk.WarmUpAsync(ceiling.Url + "/grain", args.Seconds);
            results.Add(await Wrk.RunAsync("bare Kestrel endpoint", ceiling.Url + "/bare", args.Seconds));
            results.Add(await Wrk.RunAsync("endpoint + one grain call", ceiling.Url + "/grain", args.Seconds));
        }

        await using var gateway = await GatewayProcess.StartDemoAsync();
        var admin = await gateway.TokenAsync("admin", "tenant-admin");
        var paths = (await gateway.CaseIdsAsync(admin)).Select(id => $"/api/cases/{id}").ToList();
        var auth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + admin };
        var rounds = await Wrk.WarmUpAsync(gateway.Url + paths[0], args.Seconds, headers: auth, paths: paths);
        Console.WriteLine($"case reads settled after {rounds} warm-up rounds");
        var read = await Wrk.RunAsync($"audited case read ({paths.Count} cases)", gateway.Url + paths[0], args.Seconds, headers: auth, paths: paths);
        results.Add(read);
        results.Add(await Wrk.RunAsync("gateway liveness (no auth)", gateway.Url + "/health/live", args.Seconds));

        Console.WriteLine($"gateway: wrk -t2 -c64, {args.Seconds} s each, load generator on the same {Environment.ProcessorCount} cores");
        foreach (var r in results) Console.WriteLine("  " + r);
        var grain = results[1].RequestsPerSecond;
        Console.WriteLine($"  ratio audited case read / one-grain-call endpoint = {read.RequestsPerSecond / grain:F2} (target >= 0.6)");
        return read.Non2xx == 0 ? 0 : 1;
    }
}
