using System.Diagnostics;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>Starting and stopping the product's built hosts as child processes.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// <c>dotnet ASSEMBLY SETTINGS...</c> in production configuration. Output is drained so a chatty
    /// process never blocks on a full pipe; with IPT_TEST_LOGS set, it is kept in that folder, each line
    /// stamped with the UTC time it arrived (the hosts' console log has none), so the logs of a failed
    /// run's processes can be laid side by side.
    /// </summary>
    public static Process StartDotnet(string assembly, IEnumerable<string> settings, string? logName = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (var setting in settings) info.ArgumentList.Add(setting);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path.GetFileName(assembly)} did not start.");
        var log = Log(logName ?? Path.GetFileNameWithoutExtension(assembly), process.Id);
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM and a bounded wait for the graceful exit; SIGKILL after it. True when the process exited by itself.</summary>
    public static async Task<bool> TerminateAsync(Process process, TimeSpan within)
    {
        if (process.HasExited) return true;
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString() }, UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return false;
        }
    }

    /// <summary>A host of src/ built in this test assembly's configuration (Debug or Release).</summary>
    public static string BuiltAssembly(string project, string assembly)
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ipt.Cluster.sln"))) root = root.Parent;
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Ipt.Cluster.sln not found above the tests."),
            "src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first.", path);
    }

    private static StreamWriter? Log(string name, int pid)
    {
        var folder = Environment.GetEnvironmentVariable("IPT_TEST_LOGS");
        if (string.IsNullOrWhiteSpace(folder)) return null;
        Directory.CreateDirectory(folder);
        return new StreamWriter(Path.Combine(folder, $"{name}-{pid}.log")) { AutoFlush = true };
    }

    private static void Write(StreamWriter? log, string? line)
    {
        if (log is null || line is null) return;
        var arrived = DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        lock (log) log.WriteLine($"{arrived} {line}");
    }
}
