using Npgsql;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// One tenant's rows in the state of record, taken out or erased as a whole: the product's tables
/// (keyed by tenant first) and Orleans' grain state and reminders (keyed by grain key, which for
/// every application grain is the tenant or starts with "tenant/"). The export is a lossless copy,
/// one NDJSON file per table (payloads as PostgreSQL's hex bytea text); the erasure deletes the same
/// rows in one transaction that names the tenant, the only way the append-only tables allow it.
/// </summary>
public sealed class TenantData(NpgsqlDataSource dataSource)
{
    /// <summary>How recently a silo must have reported itself alive to count as running.</summary>
    public static readonly TimeSpan AliveWithin = TimeSpan.FromMinutes(2);

    private static readonly TenantTable[] Tables =
    [
        new("case_events", "tenant = @tenant", "case_id, seq"),
        new("case_snapshots", "tenant = @tenant", "case_id"),
        new("audit_log", "tenant = @tenant", "id"),
        new("orleans_storage", "(grain_key = @tenant OR starts_with(grain_key, @tenant || '/'))", "grain_type, grain_key"),
        // A reminder's grain id is "type/key", and the key starts with the tenant.
        new("orleans_reminders", "split_part(grain_id, '/', 2) = @tenant", "grain_id, reminder_name"),
    ];

    /// <summary>Writes <c>{table}.ndjson</c> for every table into <paramref name="directory"/>; returns the rows per table.</summary>
    public async Task<IReadOnlyList<(string Table, long Rows)>> ExportAsync(string tenant, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot of the database for every table, so the files agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT row_to_json(t)::text FROM {table.Name} t WHERE {table.Predicate} ORDER BY {table.Order}", connection, transaction);
            command.Parameters.AddWithValue("tenant", tenant);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await using var file = new StreamWriter(Path.Combine(directory, table.Name + ".ndjson"));
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                await file.WriteLineAsync(reader.GetString(0));
                rows++;
            }
            counts.Add((table.Name, rows));
        }
        return counts;
    }

    /// <summary>
    /// Deletes every row of the tenant, all or nothing; returns the rows per table. Refused while
    /// a silo on this database is running: an active grain of the tenant could write its state back.
    /// </summary>
    public async Task<IReadOnlyList<(string Table, long Rows)>> EraseAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (await RunningSilosAsync(cancellationToken) is var running and > 0)
            throw new InvalidOperationException($"{running} silo(s) on this database reported themselves alive within {AliveWithin.TotalMinutes:0} minutes: stop the cluster first, or a running grain of the tenant could write its state back.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var allow = new NpgsqlCommand("SELECT set_config('ipt.erase_tenant', @tenant, true)", connection, transaction))
        {
            allow.Parameters.AddWithValue("tenant", tenant);
            await allow.ExecuteNonQueryAsync(cancellationToken);
        }
        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM {table.Name} WHERE {table.Predicate}", connection, transaction);
            delete.Parameters.AddWithValue("tenant", tenant);
            counts.Add((table.Name, await delete.ExecuteNonQueryAsync(cancellationToken)));
        }
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    /// <summary>Silos whose membership row says running (created to stopping) and that reported alive recently.</summary>
    public async Task<long> RunningSilosAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM orleans_membership WHERE status BETWEEN 1 AND 5 AND i_am_alive_time > now() - @within");
        command.Parameters.AddWithValue("within", AliveWithin);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed record TenantTable(string Name, string Predicate, string Order);
}
