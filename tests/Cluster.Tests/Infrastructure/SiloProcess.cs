using System.Diagnostics;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A real silo in its own OS process (the product's src/Silo host), so a test can kill it the way
/// a machine dies: SIGKILL, no shutdown hooks, no flushing; or stop it the way an operator does: SIGTERM.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(params string[] settings) => new(ChildProcess.StartDotnet(SiloAssembly(), settings));

    /// <summary>SIGKILL: the process gets no chance to flush or say goodbye.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for a graceful exit (SIGKILL after <paramref name="within"/>); true when it exited by itself.</summary>
    public Task<bool> TerminateAsync(TimeSpan within) => ChildProcess.TerminateAsync(_process, within);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    /// <summary>The silo built beside this test assembly's configuration (Debug or Release).</summary>
    internal static string SiloAssembly() => ChildProcess.BuiltAssembly("Silo", "Ipt.Cluster.Silo.dll");
}
