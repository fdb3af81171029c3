using System.Diagnostics;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>
/// The built gateway (Ipt.Cluster.Gateway.dll) in its own process, in cluster mode on a free
/// loopback port, accepting tokens signed with a local key file; tokens come from the gateway's
/// own token command with the same key, so the test mints them with the product's code.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _keyPath;

    private GatewayProcess(Process process, Uri address, string keyPath)
    {
        _process = process;
        Address = address;
        _keyPath = keyPath;
    }

    public Uri Address { get; }

    /// <summary>Starts a gateway with the cluster's client settings (<c>--Key=value</c>) and waits until /health/ready answers 200.</summary>
    public static async Task<GatewayProcess> StartAsync(IEnumerable<string> settings, string keyPath, TimeSpan within)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        string[] all = ["--Mode=Cluster", $"--urls={address}", $"--Identity:LocalSigningKeyPath={keyPath}", .. settings];
        var gateway = new GatewayProcess(ChildProcess.StartDotnet(Assembly(), all), address, keyPath);
        await gateway.WaitReadyAsync(within);
        return gateway;
    }

    /// <summary>A token from <c>Ipt.Cluster.Gateway.dll token</c>, signed with this gateway's key.</summary>
    public async Task<string> MintTokenAsync(string user, string role, string? tenant)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = [Assembly(), "token", $"--Identity:LocalSigningKeyPath={_keyPath}", "--user", user, "--role", role, "--minutes", "120"];
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (tenant is not null)
        {
            info.ArgumentList.Add("--tenant");
            info.ArgumentList.Add(tenant);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"token command failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await ChildProcess.TerminateAsync(_process, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The gateway exited with {_process.ExitCode} before it was ready.");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > within) throw new TimeoutException($"The gateway was not ready within {within.TotalSeconds:F0} s.");
            await Task.Delay(250);
        }
    }

    private static string Assembly() => ChildProcess.BuiltAssembly("Gateway", "Ipt.Cluster.Gateway.dll");
}
