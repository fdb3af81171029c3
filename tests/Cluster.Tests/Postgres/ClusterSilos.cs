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
