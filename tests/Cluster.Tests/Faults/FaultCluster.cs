using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Cluster.Tests.Postgres;
using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>
/// The fault test's cluster, every part a separate process on loopback: its own PostgreSQL (so it
/// can restart it without disturbing other tests), three silos and one gateway in cluster mode.
/// </summary>
internal sealed class FaultCluster : IAsyncDisposable
{
    private readonly PostgresServer _postgres;
    private readonly ClusterSilos _silos;
    private readonly List<(SiloProcess Process, int Port)> _running = [];
    private readonly string _keyFolder;
    private GatewayProcess? _gateway;

    private FaultCluster(PostgresServer postgres, ClusterSilos silos, string keyFolder)
    {
        _postgres = postgres;
        _silos = silos;
        _keyFolder = keyFolder;
    }

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    public static async Task<FaultCluster> StartAsync(string postgresBin, int silos)
    {
        var postgres = await PostgresServer.StartAsync(postgresBin);
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "ipt" }.ConnectionString;
        await using (var admin = NpgsqlDataSource.Create(postgres.ConnectionString))
        await using (var create = admin.CreateCommand("CREATE DATABASE ipt"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await new PostgresMigrator(source).MigrateAsync();
        }

        var keyFolder = Path.Combine(Path.GetTempPath(), "ipt-fault-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new FaultCluster(postgres, new ClusterSilos(connectionString), keyFolder);
        for (var i = 0; i < silos; i++) cluster.StartSilo();
        var settings = cluster._silos.ClientSettings.Select(s => $"--{s.Key}={s.Value}").Concat(
        [
            // The test is the only user: the per-user and per-tenant buckets must not shape its load.
            "--RateLimits:PerUser:PerSecond=100000", "--RateLimits:PerUser:Burst=100000",
            "--RateLimits:PerTenant:PerSecond=100000", "--RateLimits:PerTenant:Burst=100000",
        ]);
        cluster._gateway = await GatewayProcess.StartAsync(settings, Path.Combine(keyFolder, "signing.key"), TimeSpan.FromSeconds(90));
        return cluster;
    }

    /// <summary>SIGKILL of one silo (chosen by <paramref name="pick"/>), and a new silo started in its place at once.</summary>
    public async Task KillOneAndReplaceAsync(Random pick)
    {
        var victim = _running[pick.Next(_running.Count)];
        await victim.Process.KillAsync();
        _running.Remove(victim);
        StartSilo();
    }

    public Task<TimeSpan> RestartPostgresAsync() => _postgres.RestartAsync();

    /// <summary>
    /// A graceful rolling restart: each silo in turn gets SIGTERM, and its replacement must be
    /// active in the membership table before the next one goes. Returns how many stopped gracefully.
    /// </summary>
    public async Task<int> RollingRestartAsync(TimeSpan perSilo)
    {
        var graceful = 0;
        foreach (var old in _running.ToList())
        {
            if (await old.Process.TerminateAsync(perSilo)) graceful++;
            _running.Remove(old);
            StartSilo();
            await WaitActiveAsync(_running[^1], perSilo);
        }

        return graceful;
    }

    /// <summary>Waits until every running silo is active in the membership table.</summary>
    public async Task WaitAllActiveAsync(TimeSpan within)
    {
        foreach (var silo in _running.ToList()) await WaitActiveAsync(silo, within);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        await _silos.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _postgres.DisposeAsync();
        if (Directory.Exists(_keyFolder)) Directory.Delete(_keyFolder, recursive: true);
    }

    private void StartSilo() => _running.Add(_silos.Start());

    /// <summary>
    /// Waits until the silo is active. One that exited by itself (a silo started while PostgreSQL
    /// restarts cannot reach the membership table and stops) is replaced, as a process supervisor would.
    /// </summary>
    private async Task WaitActiveAsync((SiloProcess Process, int Port) silo, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (await StatusOrNullAsync(silo.Port) != 3)
        {
            if (silo.Process.HasExited)
            {
                _running.Remove(silo);
                StartSilo();
                silo = _running[^1];
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The silo on port {silo.Port} did not become active within {within.TotalSeconds:F0} s.");
            await Task.Delay(250);
        }
    }

    private async Task<int?> StatusOrNullAsync(int siloPort)
    {
        try
        {
            return await _silos.StatusAsync(siloPort);
        }
        catch (NpgsqlException)
        {
            return null; // PostgreSQL restarting
        }
    }
}
