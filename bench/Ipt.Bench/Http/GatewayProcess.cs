using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Ipt.Bench.Http;

/// <summary>
/// The real gateway in local mode as its own process (as the README's run command starts it),
/// on a throwaway data folder with the demo tenant seeded, and tokens minted by its token command.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string[] _settings;
    private string? _ownedFolder;

    private GatewayProcess(Process process, string url, string[] settings)
    {
        _process = process;
        Url = url;
        _settings = settings;
    }

    public string Url { get; }

    /// <summary>
    /// The README's local gateway with its demo tenant seeded, on free loopback ports and a throwaway
    /// data folder, which goes with the gateway when it is disposed.
    /// </summary>
    public static async Task<GatewayProcess> StartDemoAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-bench-" + Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{Run.Ports.Free()}";
        string[] settings =
        [
            $"--Storage:Embedded:DataDirectory={folder}", $"--Orleans:SiloPort={Run.Ports.Free()}", $"--Orleans:GatewayPort={Run.Ports.Free()}",
            .. BenchSettings,
        ];
        var gateway = new GatewayProcess(Start([$"--urls={url}", .. settings], server: true), url, settings) { _ownedFolder = folder };
        try
        {
            await gateway.WaitUntilSeededAsync();
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The gateway with the given settings (a data folder the harness seeded, no demo tenant; or cluster
    /// mode), ready when <c>/health/ready</c> answers 200.
    /// </summary>
    public static async Task<GatewayProcess> StartReadyAsync(int port, IEnumerable<string> settings)
    {
        var url = $"http://127.0.0.1:{port}";
        string[] all = [.. settings, .. BenchSettings];
        var gateway = new GatewayProcess(Start([$"--urls={url}", .. all], server: true), url, all);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !gateway._process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return gateway;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        await gateway.DisposeAsync();
        throw new TimeoutException("The gateway did not become ready within 2 minutes.");
    }

    // The limiter stays on the path, but with limits a benchmark does not reach. Logging stays at
    // the shipped levels (DefaultLogLevels): the bench measures what a deployment runs.
    private static readonly string[] BenchSettings =
    [
        "--RateLimits:PerUser:PerSecond=1000000", "--RateLimits:PerUser:Burst=1000000",
        "--RateLimits:PerTenant:PerSecond=1000000", "--RateLimits:PerTenant:Burst=1000000",
    ];

    /// <summary>The process id, to read its memory and CPU.</summary>
    public int ProcessId => _process.Id;

    /// <summary>A token from the gateway's own token command (same signing key, same data folder).</summary>
    public async Task<string> TokenAsync(string user, string role, string tenant = "demo")
    {
        using var command = Start(["token", "--tenant", tenant, "--user", user, "--role", role, "--minutes", "60", .. _settings], server: false);
        var token = (await command.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1].Trim();
        await command.WaitForExitAsync();
        return command.ExitCode == 0 ? token : throw new InvalidOperationException("The token command failed.");
    }

    /// <summary>Ids of the demo tenant's cases, as the tenant admin lists them.</summary>
    public async Task<IReadOnlyList<string>> CaseIdsAsync(string adminToken)
    {
        using var http = Client(adminToken);
        var body = JsonDocument.Parse(await http.GetStringAsync("/api/cases?limit=100")).RootElement;
        return [.. body.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!)];
    }

    public HttpClient Client(string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownedFolder is not null && Directory.Exists(_ownedFolder)) Directory.Delete(_ownedFolder, recursive: true);
    }

    /// <summary>
    /// Until the demo tenant is fully seeded: its cases are listed and their versions stop moving.
    /// The seeder opens every case first and writes their histories after, so a list of cases alone
    /// would start the measurement while the seeding still competes for the cores (measured: reads
    /// at 2.2-2.6k/s for the first 20 s, 6.4k/s once it is done).
    /// </summary>
    private async Task WaitUntilSeededAsync()
    {
        var admin = await TokenAsync("admin", "tenant-admin");
        using var http = Client(admin);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var items = JsonDocument.Parse(await http.GetStringAsync("/api/cases?limit=100")).RootElement.GetProperty("items");
                var versions = items.EnumerateArray().Sum(c => c.GetProperty("version").GetInt64());
                if (items.GetArrayLength() >= 40 && versions == last) return;
                last = versions;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException("The gateway did not come up with its demo tenant within 2 minutes.");
    }

    private static Process Start(IEnumerable<string> args, bool server)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true }.AsDeployed();
        info.ArgumentList.Add(GatewayAssembly());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Run.ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("The gateway did not start."));
        // A server's output is drained so it never blocks on a full pipe; a command's is read by the caller.
        Run.ChildProcesses.Drain(process, "gateway", output: server);
        return process;
    }

    private static string GatewayAssembly()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ipt.Cluster.sln"))) root = root.Parent;
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run the bench from the repository."),
            "src", "Gateway", "bin", "Release", "net10.0", "Ipt.Cluster.Gateway.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the gateway in Release first.", path);
    }
}
