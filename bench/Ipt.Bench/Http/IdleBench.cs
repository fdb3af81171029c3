using System.Diagnostics;

namespace Ipt.Bench.Http;

/// <summary>
/// What the product costs at rest: the local gateway of the README's run command (an in-process
/// silo, the demo tenant, its timers and stream pulling agents), left alone once seeded, and the
/// CPU its process uses over <see cref="BenchArgs.Seconds"/>, as a share of one core. Settings given
/// as environment variables (<c>Streams__PullingPeriod</c>, <c>DOTNET_*</c>) reach the gateway.
/// </summary>
internal static class IdleBench
{
    /// <summary>Seeding's last writes, the JIT's background compiles and the first timers settle first.</summary>
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        await using var gateway = await GatewayProcess.StartDemoAsync();
        await Task.Delay(Settling);
        using var process = Process.GetProcessById(gateway.ProcessId);
        var before = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(args.Seconds));
        process.Refresh();
        var share = (process.TotalProcessorTime - before) / clock.Elapsed;
        Console.WriteLine($"idle local gateway (demo tenant, nothing asked of it), {clock.Elapsed.TotalSeconds:F0} s: {share:P1} of one core");
        return 0;
    }
}
