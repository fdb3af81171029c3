using Microsoft.Data.Sqlite;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The tables of the embedded store, created idempotently at open. A database written by a newer
/// schema is refused rather than written with assumptions that no longer hold.
/// </summary>
internal static class EmbeddedSchema
{
    public const int Version = 1;

    // Times are stored as Unix milliseconds for range queries; the payload keeps the exact value.
    // grain_state carries the tenant named by the grain key (null for Orleans' own grains) and the
    // state name, since one grain may persist several named states.
    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_at TEXT    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS case_events (
            tenant  TEXT    NOT NULL,
            case_id TEXT    NOT NULL,
            seq     INTEGER NOT NULL,
            at      INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            PRIMARY KEY (tenant, case_id, seq)
        );
        CREATE TABLE IF NOT EXISTS case_snapshots (
            tenant  TEXT    NOT NULL,
            case_id TEXT    NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            PRIMARY KEY (tenant, case_id)
        );
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT    NOT NULL,
            grain_key  TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            tenant     TEXT    NULL,
            etag       INTEGER NOT NULL,
            payload    BLOB    NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        );
        CREATE INDEX IF NOT EXISTS grain_state_by_tenant ON grain_state (tenant) WHERE tenant IS NOT NULL;
        """;

    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateTables;
            create.ExecuteNonQuery();
        }

        using var current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT MAX(version) FROM schema_version";
        var found = current.ExecuteScalar() is long v ? v : 0;
        if (found > Version)
        {
            throw new InvalidOperationException(
                $"The embedded database has schema version {found}; this build knows up to {Version}.");
        }

        if (found < Version)
        {
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($v, $at)";
            record.Parameters.AddWithValue("$v", Version);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
