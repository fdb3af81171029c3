using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ipt.Bench.Cluster;

/// <summary>
/// Cluster mode as scripts/cluster-start.sh runs it: N silo processes and one gateway process of
/// the Release build, on free loopback ports, against one PostgreSQL database, with a fresh
/// cluster id and a throwaway signing key (tokens come from the gateway's own token command).
/// Disposing stops exactly these processes.
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly List<Process> _silos = [];
    private readonly string _keyFolder = Path.Combine(Path.GetTempPath(), "ipt-bench-key-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _connectionString;
    private readonly string _clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
    private Process? _gateway;

    // Each process has two pools (Orleans' providers, the product's stores), capped here: the
    // ceiling's 64 callers need 64 of the server's default 100 connections, and the cluster's
    // idle pooled connections would crowd them out. Group commit needs few connections anyway.
    private ClusterProcesses(string connectionString) =>
        _connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 4 }.ConnectionString;

    public string Url { get; private set; } = "";

    /// <summary>The silos' and the gateway's process ids, for CPU accounting.</summary>
    public IEnumerable<(string Name, Process Process)> Processes =>
        _silos.Select((p, i) => ($"silo {i}", p)).Append(("gateway", _gateway!));

    private string KeyPath => Path.Combine(_keyFolder, "signing.key");

    public static async Task<ClusterProcesses> StartAsync(string connectionString, int silos)
    {
        var cluster = new ClusterProcesses(connectionString);
        Directory.CreateDirectory(cluster._keyFolder);
        for (var i = 0; i < silos; i++)
        {
            cluster._silos.Add(Start(Assembly("Silo", "Ipt.Cluster.Silo.dll"),
                [.. cluster.Common($"silo-{i}"), $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}"]));
        }

        cluster.Url = $"http://127.0.0.1:{FreePort()}";
        cluster._gateway = Start(Assembly("Gateway", "Ipt.Cluster.Gateway.dll"),
        [
            .. cluster.Common("gateway"), $"--urls={cluster.Url}", $"--Identity:LocalSigningKeyPath={cluster.KeyPath}",
            // The limiter stays on the path, but with limits a benchmark does not reach.
            "--RateLimits:PerUser:PerSecond=1000000", "--RateLimits:PerUser:Burst=1000000",
            "--RateLimits:PerTenant:PerSecond=1000000", "--RateLimits:PerTenant:Burst=1000000",
        ]);
        await cluster.WaitReadyAsync(TimeSpan.FromMinutes(2));
        return cluster;
    }

    /// <summary>A token from <c>Ipt.Cluster.Gateway.dll token</c>, signed with this cluster's key.</summary>
    public async Task<string> TokenAsync(string user, string role, string? tenant)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [Assembly("Gateway", "Ipt.Cluster.Gateway.dll"), "token", $"--Identity:LocalSigningKeyPath={KeyPath}",
            "--user", user, "--role", role, "--minutes", "120", .. tenant is null ? Array.Empty<string>() : ["--tenant", tenant]];
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The token command did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim().Split('\n')[^1].Trim() : throw new InvalidOperationException("The token command failed: " + error);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _silos.Append(_gateway).OfType<Process>())
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }

        if (Directory.Exists(_keyFolder)) Directory.Delete(_keyFolder, recursive: true);
    }

    private string[] Common(string name) =>
    [
        "--Mode=Cluster", $"--Storage:Postgres:ConnectionString={_connectionString};Application Name=ipt-bench-{name}",
        $"--Orleans:ClusterId={_clusterId}", $"--Orleans:ServiceId={_clusterId}",
    ];

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (_gateway!.HasExited || _silos.Any(s => s.HasExited)) throw new InvalidOperationException("A silo or the gateway exited during start-up.");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The cluster was not ready within {within.TotalSeconds:F0} s.");
    }

    private static Process Start(string assembly, IEnumerable<string> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true }.AsDeployed();
        info.ArgumentList.Add(assembly);
        foreach (var setting in settings) info.ArgumentList.Add(setting);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path.GetFileName(assembly)} did not start.");
        // Output is drained so a process never blocks on a full pipe; errors are shown.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) Console.Error.WriteLine($"[{Path.GetFileNameWithoutExtension(assembly)}] {text}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Assembly(string project, string file)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ipt.Cluster.sln"))) root = root.Parent;
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run the bench from the repository."),
            "src", project, "bin", "Release", "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} in Release first.", path);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
