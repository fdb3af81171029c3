using Ipt.Cluster.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The audit log's own database file (<c>audit.db</c>) beside the main one, with its own
/// group-commit writer: every API call appends a record before it answers, so a read must not
/// wait for a batch of case commits to reach the disk, nor a case commit for a batch of reads'
/// records. Records written before the log had its own file (in the main file's
/// <c>audit_log</c>) are moved here, ids kept, when this file is created. Its index by case is a
/// third file, <c>audit-cases.db</c>, brought up to date in batches by a writer of its own and at open.
/// </summary>
public sealed partial class EmbeddedAuditLog : IAsyncDisposable
{
    /// <summary>How many appends go by between two batches of the by-case index (<see cref="AuditCaseIndexRequest"/>).</summary>
    public const int CaseIndexBatch = 4096;

    private readonly int _caseIndexBatch;
    private readonly ILogger _logger;
    private long _appends;

    public EmbeddedAuditLog(EmbeddedStoreOptions options, ILogger<EmbeddedAuditLog>? logger = null)
        : this(options, CaseIndexBatch, logger)
    {
    }

    /// <summary>With a smaller <paramref name="caseIndexBatch"/>, for tests that cross a batch's edge.</summary>
    internal EmbeddedAuditLog(EmbeddedStoreOptions options, int caseIndexBatch, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(caseIndexBatch, 1);
        _caseIndexBatch = caseIndexBatch;
        _logger = logger ?? NullLogger.Instance;
        Database = new EmbeddedDatabase(options, EmbeddedSchema.Audit, logger,
            connection => MoveEarlierRecords(connection, Path.Combine(Path.GetFullPath(options.DataDirectory), EmbeddedDatabase.FileName)));
        try
        {
            CaseIndex = new EmbeddedDatabase(options, EmbeddedSchema.AuditCases, logger, connection => AuditCaseIndexRequest.RunAtOpen(connection, Database));
        }
        catch
        {
            Database.Dispose();
            throw;
        }
    }

    internal EmbeddedDatabase Database { get; }

    /// <summary>The by-case index's file (<c>audit-cases.db</c>), with a writer of its own.</summary>
    internal EmbeddedDatabase CaseIndex { get; }

    /// <summary>
    /// Appends one record; completes when its group commit has. After every <see cref="CaseIndexBatch"/>-th
    /// record has committed, a batch of the by-case index is queued on the index's own writer, which
    /// nobody waits for: until it commits, case queries scan the records after the index's mark, so
    /// a slow or failed batch costs a case query some speed, never an append its time or a record.
    /// </summary>
    internal async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await Database.WriteAsync(new AuditAppendRequest(record), cancellationToken);
        if (Interlocked.Increment(ref _appends) % _caseIndexBatch == 0) _ = IndexCasesAsync();
    }

    private async Task IndexCasesAsync()
    {
        try
        {
            await CaseIndex.WriteAsync(new AuditCaseIndexRequest(Database), CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the next open indexes what this batch would have.
        }
        catch (Exception error)
        {
            LogCaseIndexFailed(_logger, error);
        }
    }

    /// <summary>How many group commits of audit records have completed since open.</summary>
    internal long CommittedBatches => Database.CommittedBatches;

    public async ValueTask DisposeAsync()
    {
        await CaseIndex.DisposeAsync();
        await Database.DisposeAsync();
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of the audit log's by-case index failed; case queries scan the records after it until the next batch.")]
    private static partial void LogCaseIndexFailed(ILogger logger, Exception error);

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
