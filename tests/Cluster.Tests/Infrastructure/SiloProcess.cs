using System.Diagnostics;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A real silo in its own OS process (the product's src/Silo host), so a test can kill it the way
/// a machine dies: SIGKILL, no shutdown hooks, no flushing.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static SiloProcess Start(params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloAssembly());
        foreach (var setting in settings) info.ArgumentList.Add(setting);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("The silo did not start.");
        // Drain the pipes so a chatty silo never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process);
    }

    /// <summary>SIGKILL: the process gets no chance to flush or say goodbye.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    /// <summary>The silo built beside this test assembly's configuration (Debug or Release).</summary>
    internal static string SiloAssembly()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ipt.Cluster.sln"))) root = root.Parent;
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Ipt.Cluster.sln not found above the tests."),
            "src", "Silo", "bin", configuration, "net10.0", "Ipt.Cluster.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the silo first.", path);
    }
}
