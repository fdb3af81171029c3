using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The audit log's own database file (<c>audit.db</c>) beside the main one, with its own
/// group-commit writer: every API call appends a record before it answers, so a read must not
/// wait for a batch of case commits to reach the disk, nor a case commit for a batch of reads'
/// records. Records written before the log had its own file (in the main file's
/// <c>audit_log</c>) are moved here, ids kept, when this file is created.
/// </summary>
public sealed class EmbeddedAuditLog : IAsyncDisposable
{
    public EmbeddedAuditLog(EmbeddedStoreOptions options, ILogger<EmbeddedAuditLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Database = new EmbeddedDatabase(options, EmbeddedSchema.Audit, logger,
            connection => MoveEarlierRecords(connection, Path.Combine(Path.GetFullPath(options.DataDirectory), EmbeddedDatabase.FileName)));
    }

    internal EmbeddedDatabase Database { get; }

    /// <summary>How many group commits of audit records have completed since open.</summary>
    internal long CommittedBatches => Database.CommittedBatches;

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    // One transaction: the file either has all the earlier records or none, and a crash midway
    // leaves it empty, so the next open moves them again. The main file keeps its copy (its
    // table refuses deletes); nothing reads it any more.
    private static void MoveEarlierRecords(SqliteConnection audit, string mainFile)
    {
        if (!File.Exists(mainFile) || Scalar(audit, "SELECT EXISTS (SELECT 1 FROM audit_log)") != 0) return;

        EmbeddedSchema.Execute(audit, null, $"ATTACH DATABASE '{mainFile.Replace("'", "''", StringComparison.Ordinal)}' AS earlier");
        try
        {
            if (Scalar(audit, "SELECT COUNT(*) FROM earlier.sqlite_master WHERE type = 'table' AND name = 'audit_log'") == 0) return;
            using var transaction = audit.BeginTransaction();
            EmbeddedSchema.Execute(audit, transaction, """
                INSERT INTO main.audit_log (id, tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id)
                SELECT id, tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id
                FROM earlier.audit_log ORDER BY id
                """);
            transaction.Commit();
        }
        finally
        {
            EmbeddedSchema.Execute(audit, null, "DETACH DATABASE earlier");
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
