using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Postgres;
using Ipt.Cluster.StoreContracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>The PostgreSQL case and audit stores on a fresh, migrated database.</summary>
public sealed class PgStores : IStoresUnderTest
{
    private readonly ServiceProvider _services;

    private PgStores(string connectionString)
    {
        ConnectionString = connectionString;
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        Open();
    }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; private set; }

    public PostgresCaseStore Cases { get; private set; }

    public PostgresAuditStore Audit { get; private set; }

    ICaseStore IStoresUnderTest.Cases => Cases;

    IAuditStore IStoresUnderTest.Audit => Audit;

    public long AuditCommits => Audit.Committed.Batches;

    public static async Task<PgStores> CreateAsync(PostgresFixture postgres) => new(await postgres.CreateMigratedDatabaseAsync());

    /// <summary>Closes the stores and their connections and opens new ones on the same database.</summary>
    public async Task ReopenAsync()
    {
        await CloseAsync();
        Open();
    }

    /// <summary>Runs one SQL statement on its own connection (what an operator, or an attacker with SQL access, would do).</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await _services.DisposeAsync();
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Database), nameof(Cases), nameof(Audit))]
    private void Open()
    {
        Database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = ConnectionString });
        Cases = new PostgresCaseStore(Database, _services.GetRequiredService<Serializer>());
        Audit = new PostgresAuditStore(Database);
    }

    private async Task CloseAsync()
    {
        await Cases.DisposeAsync();
        await Audit.DisposeAsync();
        await Database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
