using Npgsql;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// The process's connection pool to the state-of-record database, shared by the case and audit
/// stores. Orleans' own providers open theirs from the same connection string.
/// </summary>
public sealed class PostgresDatabase(PostgresStoreOptions options) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(options.RequireConnectionString());

    public PostgresStoreOptions Options { get; } = options;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
