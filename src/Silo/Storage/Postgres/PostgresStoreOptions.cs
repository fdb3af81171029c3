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

    /// <summary>
    /// Connections a process keeps per pool unless the connection string says (<c>Maximum Pool Size</c>).
    /// A process has two pools (Orleans' providers share one, the product's stores have theirs), and
    /// Npgsql's own default of 100 each lets three processes under load exhaust a server's usual
    /// <c>max_connections</c> of 100: their grains then fail to activate. Size the server for
    /// (silos + gateways) x 2 x this, plus headroom.
    /// </summary>
    public const int DefaultMaxPoolSize = 16;

    /// <summary>
    /// The connection string (with <see cref="DefaultMaxPoolSize"/> when it sets no pool size), or a
    /// clear error naming the setting when it is missing.
    /// </summary>
    public string RequireConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException($"Set {SectionName}:ConnectionString (environment: Storage__Postgres__ConnectionString).");
        if (Sets(ConnectionString, "Maximum Pool Size", "MaxPoolSize")) return ConnectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>Whether the connection string sets the setting itself (under any of its names), so a default of ours must not override it.</summary>
    internal static bool Sets(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(given.ContainsKey);
    }
}
