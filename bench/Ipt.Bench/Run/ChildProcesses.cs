using System.Diagnostics;

namespace Ipt.Bench.Run;

/// <summary>
/// The processes the bench started (gateway, silos, the peer): killed when the bench exits, also when
/// it is stopped with SIGTERM or Ctrl+C half-way, so no server outlives its run.
/// </summary>
internal static class ChildProcesses
{
    private static readonly List<Process> Started = [];

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static Process Track(Process process)
    {
        lock (Started) Started.Add(process);
        return process;
    }

    private static void KillAll()
    {
        lock (Started)
        {
            foreach (var process in Started)
            {
                try
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already gone or disposed
                }
            }
        }
    }
}
