using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests of one collection: the server named by IPT_PG_CONNECTION
/// (scripts/test.sh starts one), else a throwaway server started here. Each test asks for a fresh
/// database, so tests never see each other's rows. Without PostgreSQL the tests skip with a
/// one-line reason, except in CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private string? _adminConnection;
    private string? _unavailable;

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("IPT_PG_CONNECTION");
        if (!string.IsNullOrWhiteSpace(given))
        {
            _adminConnection = given;
            return;
        }

        if (PostgresServer.FindBinaries() is not { } bin)
        {
            _unavailable = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and IPT_PG_CONNECTION is not set";
            return;
        }

        _server = await PostgresServer.StartAsync(bin);
        _adminConnection = _server.ConnectionString;
    }

    /// <summary>Skips (locally) or fails (CI) the calling test when there is no PostgreSQL.</summary>
    public void RequireServer()
    {
        if (_unavailable is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI must run the PostgreSQL tests: " + _unavailable);
        }

        Skip.If(true, _unavailable);
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        RequireServer();
        var name = "ipt_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(_adminConnection!))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnection) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A new database with the schema applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(source).MigrateAsync();
        return connectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
