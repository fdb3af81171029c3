using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// Brings a database to <see cref="PostgresSchema.LatestVersion"/>. All missing scripts run in one
/// transaction (PostgreSQL's DDL is transactional: a failed migration leaves nothing behind), under
/// a transaction-scoped advisory lock, so two migrators started at once apply each script once:
/// the second waits, then finds nothing left to do. Running it again is a no-op.
/// </summary>
public sealed partial class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator>? logger = null)
{
    // An arbitrary constant naming "the Ipt.Cluster schema" among advisory locks.
    private const long MigrationLock = 0x4970_7453_6368_656D;

    private readonly ILogger _logger = logger ?? NullLogger<PostgresMigrator>.Instance;

    /// <summary>Applies what is missing; returns the versions it applied (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var current = await CurrentVersionAsync(connection, cancellationToken);
        if (current > PostgresSchema.LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database has schema version {current}; this build knows up to {PostgresSchema.LatestVersion}. Refusing to touch it.");
        }

        var applied = new List<int>();
        foreach (var script in PostgresSchema.Scripts.Where(s => s.Version > current))
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)", connection);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(script.Version);
            LogApplied(script.Version, script.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The database's schema version: 0 when it was never migrated.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? await CurrentVersionAsync(connection, cancellationToken) : 0;
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied PostgreSQL schema version {Version} ({Name}).")]
    private partial void LogApplied(int version, string name);
}
