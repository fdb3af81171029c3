using Npgsql;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// The process's connection pool to the state-of-record database, shared by the case and audit
/// stores. Orleans' own providers open theirs from the same connection string.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>Statements kept prepared per connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 16;

    public PostgresDatabase(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var builder = new NpgsqlDataSourceBuilder(options.RequireConnectionString());
        // The stores run a handful of statements over and over (a case commit, an audit batch, a
        // load): prepared once per connection, the server stops parsing and planning them each time.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        // Npgsql resets a connection's session each time it returns to the pool: seven statements
        // (CLOSE ALL, UNLISTEN, RESET ALL, ...) sent with the next use, which the server ran once per
        // case batch and audit batch, as often as the batches' own statements. The stores leave no
        // session state behind (no SET, temporary table, LISTEN or advisory lock), so there is
        // nothing to reset, unless the connection string asks for it.
        if (!PostgresStoreOptions.Sets(options.ConnectionString!, "No Reset On Close", "NoResetOnClose")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        DataSource = builder.Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public PostgresStoreOptions Options { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
