using System.Diagnostics;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster in a temporary folder, started with the same steps as
/// scripts/pg-start.sh: initdb with trust authentication (as the postgres OS user when the tests
/// run as root, since initdb refuses root), bound to 127.0.0.1 on a free port.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>The newest installed server's bin folder, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .FirstOrDefault();
    }

    public static async Task<PostgresServer> StartAsync(string bin)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new PostgresServer(bin, folder, FreePort.Next());
        if (IsRoot) await RunAsync("chown", "postgres:", folder);
        await server.AsOwnerAsync("initdb", "-D", folder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        await server.AsOwnerAsync("pg_ctl", "-D", folder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {folder}", "start");
        return server;
    }

    /// <summary>
    /// A fast restart (<c>pg_ctl restart -m fast</c>): every connection is cut, in-flight
    /// transactions roll back, the server comes back with the same options. Returns how long it was down.
    /// </summary>
    public async Task<TimeSpan> RestartAsync()
    {
        var clock = Stopwatch.StartNew();
        await AsOwnerAsync("pg_ctl", "-D", _folder, "-m", "fast", "-w", "-t", "60", "restart");
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync("pg_ctl", "-D", _folder, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsOwnerAsync(string tool, params string[] arguments) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
