using System.Diagnostics;

namespace Ipt.Bench.Run.Peer;

/// <summary>
/// The peer: Medplum's FHIR router (npm <c>@medplum/fhir-router</c>) on its in-memory repository behind
/// plain <c>node:http</c>, from <c>bench/medplum-peer</c>. Installed with <c>npm ci</c> from its lock
/// file when <c>node_modules</c> is missing; started on a free loopback port.
/// </summary>
internal sealed class MedplumPeer : IAsyncDisposable
{
    private readonly Process _node;

    private MedplumPeer(Process node, string url)
    {
        _node = node;
        Url = url;
    }

    public string Url { get; }

    public int ProcessId => _node.Id;

    public static async Task<MedplumPeer> StartAsync(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "bench", "medplum-peer");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            Console.WriteLine("  peer: npm ci (first run)");
            await RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
        }
        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("server.mjs");
        info.ArgumentList.Add(Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var node = ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("node did not start."));
        node.ErrorDataReceived += (_, _) => { };
        node.BeginErrorReadLine();
        var ready = node.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(60))) != ready || await ready is not { } line || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            node.Kill();
            throw new InvalidOperationException("The Medplum peer did not start listening.");
        }
        return new MedplumPeer(node, "http://127.0.0.1:" + line["listening ".Length..].Trim());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill();
            await _node.WaitForExitAsync();
        }
        _node.Dispose();
    }

    private static async Task RunAsync(string file, string folder, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}).");
    }
}
