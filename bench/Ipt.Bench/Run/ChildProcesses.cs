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

    /// <summary>
    /// Reads a server's output so it never blocks on a full pipe; with <c>IPT_BENCH_LOGS</c> set to a
    /// folder, keeps it there (one file per process, named by <paramref name="name"/> and its id), for
    /// the post-mortem of a run that saw failures.
    /// </summary>
    public static void Drain(Process process, string name, bool output = true)
    {
        var folder = Environment.GetEnvironmentVariable("IPT_BENCH_LOGS");
        StreamWriter? log = null;
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            log = new StreamWriter(Path.Combine(folder, $"{name}-{process.Id}.log")) { AutoFlush = true };
        }
        void Keep(object _, DataReceivedEventArgs line)
        {
            if (log is null || line.Data is null) return;
            lock (log) log.WriteLine(line.Data);
        }
        process.ErrorDataReceived += Keep;
        process.BeginErrorReadLine();
        if (!output) return;
        process.OutputDataReceived += Keep;
        process.BeginOutputReadLine();
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
