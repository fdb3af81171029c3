namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>Where the PostgreSQL store is. Bound from the <c>Storage:Postgres</c> configuration section.</summary>
public sealed class PostgresStoreOptions
{
    public const string SectionName = "Storage:Postgres";

    /// <summary>An Npgsql connection string; the same database holds Orleans' tables and the product's.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>At most this many audit records share one INSERT and one commit.</summary>
    public int AuditBatchSize { get; set; } = 256;

    /// <summary>At most this many case commits share one transaction (group commit).</summary>
    public int CaseBatchSize { get; set; } = 64;

    /// <summary>
    /// Case commit transactions in flight at once, each on its own connection: while one commits,
    /// the next batch gathers and goes on another.
    /// </summary>
    public int CaseWriters { get; set; } = 2;

    /// <summary>The connection string, or a clear error naming the setting when it is missing.</summary>
    public string RequireConnectionString() => string.IsNullOrWhiteSpace(ConnectionString)
        ? throw new InvalidOperationException($"Set {SectionName}:ConnectionString (environment: Storage__Postgres__ConnectionString).")
        : ConnectionString;
}
