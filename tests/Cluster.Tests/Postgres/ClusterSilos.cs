using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>Silo processes of one cluster-mode cluster on a PostgreSQL database, and what the test client needs to join it.</summary>
internal sealed class ClusterSilos(string connectionString) : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];

    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public string ConnectionString => connectionString;

    public IReadOnlyDictionary<string, string?> ClientSettings => new Dictionary<string, string?>
    {
        ["Storage:Postgres:ConnectionString"] = connectionString,
        ["Orleans:ClusterId"] = ClusterId,
        ["Orleans:ServiceId"] = ClusterId,
        ["Orleans:ResponseTimeout"] = "00:00:05",
    };

    /// <summary>
    /// For tests that wait for a killed silo to be declared dead. A survivor on a starved CI machine
    /// rates its own health as degraded and, by Orleans' default, stretches each probe's timeout by
    /// that score (up to 20 s a probe, three missed probes to a vote), which has taken the declaration
    /// past these tests' bounds. They are about what happens after it, so their silos probe on time.
    /// </summary>
    public static readonly string[] ProbesOnTime = ["--Orleans:Membership:ExtendProbeTimeoutDuringDegradation=false"];

    /// <summary>Starts a silo; returns it and its silo port (the membership table's key).</summary>
    public (SiloProcess Silo, int SiloPort) Start(params string[] extra)
    {
        var siloPort = FreePort.Next();
        string[] settings =
        [
            "--Mode=Cluster", $"--Storage:Postgres:ConnectionString={connectionString}",
            $"--Orleans:ClusterId={ClusterId}", $"--Orleans:ServiceId={ClusterId}",
            $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={FreePort.Next()}", .. extra,
        ];
        var silo = SiloProcess.Start(settings);
        _silos.Add(silo);
        return (silo, siloPort);
    }

    /// <summary>The membership status of the silo on <paramref name="siloPort"/> (6 = dead), or null once its row is gone.</summary>
    public async Task<int?> StatusAsync(int siloPort)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(
            "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND port = @port ORDER BY generation DESC LIMIT 1");
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("port", siloPort);
        return await command.ExecuteScalarAsync() as int?;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
    }
}
