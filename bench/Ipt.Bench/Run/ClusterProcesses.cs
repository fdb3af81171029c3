using System.Diagnostics;
using Ipt.Bench.Http;

namespace Ipt.Bench.Run;

/// <summary>
/// The system under load, as its own processes: local mode is one gateway process with its in-process
/// silo on the seeded data folder; cluster mode is N silo processes on PostgreSQL and one gateway
/// process in cluster mode (as scripts/cluster-start.sh starts them), accepting tokens signed with
/// the harness's key file. Every process binds 127.0.0.1 on free ports and is stopped by its own id.
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly GatewayProcess _gateway;
    private readonly List<Process> _silos;

    private ClusterProcesses(GatewayProcess gateway, List<Process> silos)
    {
        _gateway = gateway;
        _silos = silos;
    }

    public string Url => _gateway.Url;

    public static async Task<ClusterProcesses> StartLocalAsync(string dataDirectory)
    {
        var gateway = await GatewayProcess.StartReadyAsync(Ports.Free(),
            [$"--Storage:Embedded:DataDirectory={dataDirectory}", "--Seeding:Demo=false", $"--Orleans:SiloPort={Ports.Free()}", $"--Orleans:GatewayPort={Ports.Free()}"]);
        return new ClusterProcesses(gateway, []);
    }

    public static async Task<ClusterProcesses> StartAsync(RunOptions options, string keyPath, string work)
    {
        var clusterId = "bench-" + Path.GetFileName(work);
        string[] shared = [$"--Storage:Postgres:ConnectionString={options.Connection}", $"--Orleans:ClusterId={clusterId}"];
        var silos = new List<Process>();
        try
        {
            for (var i = 0; i < options.Silos; i++)
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true }.AsDeployed();
                string[] args = [SiloAssembly(), "--Mode=Cluster", $"--Orleans:SiloPort={Ports.Free()}", $"--Orleans:GatewayPort={Ports.Free()}", .. shared];
                foreach (var arg in args) info.ArgumentList.Add(arg);
                var silo = ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("A silo did not start."));
                ChildProcesses.Drain(silo, "silo");
                silos.Add(silo);
            }
            var gateway = await GatewayProcess.StartReadyAsync(Ports.Free(), ["--Mode=Cluster", $"--Identity:LocalSigningKeyPath={keyPath}", .. shared]);
            Console.WriteLine($"  cluster: {options.Silos} silo processes, 1 gateway process, PostgreSQL");
            return new ClusterProcesses(gateway, silos);
        }
        catch
        {
            foreach (var silo in silos) Stop(silo);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var silo in _silos) Stop(silo);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    private static string SiloAssembly()
    {
        var path = Path.Combine(Repository.Root(), "src", "Silo", "bin", "Release", "net10.0", "Ipt.Cluster.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the silo in Release first.", path);
    }
}
