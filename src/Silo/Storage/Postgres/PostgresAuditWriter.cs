using System.Threading.Channels;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// Group commit for audit appends: callers queue records; one loop takes whatever is queued (up to
/// the batch size) and inserts it with ONE statement, which is one transaction and one WAL flush.
/// While a batch commits the next one gathers, so under load each commit carries many records and
/// the cost per record falls. A caller's task completes only after the COMMIT of its batch; if the
/// batch fails, every caller in it fails (nothing in it is known to be durable).
/// </summary>
internal sealed partial class PostgresAuditWriter : IAsyncDisposable
{
    private const string Insert = """
        INSERT INTO audit_log (tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id)
        SELECT * FROM unnest(@tenants, @ats, @users, @roles, @actions, @resources, @cases, @outcomes, @correlations)
        """;

    private readonly Channel<Pending> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly IptMetrics? _metrics;
    private readonly Task _loop;
    private long _batches;
    private long _records;

    public PostgresAuditWriter(NpgsqlDataSource dataSource, int maxBatch, ILogger logger, IptMetrics? metrics = null)
    {
        _metrics = metrics;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _dataSource = dataSource;
        _maxBatch = maxBatch;
        _logger = logger;
        // Bounded: a burst beyond what the database absorbs slows callers instead of growing memory.
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(maxBatch * 16) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Committed batches and records since start: their ratio is the mean batch size.</summary>
    public (long Batches, long Records) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _records));

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var pending = new Pending(record, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException closed)
        {
            throw new ObjectDisposedException("The audit store is shut down; the record was not written.", closed);
        }

        await pending.Completion.Task;
    }

    /// <summary>Stops taking records and commits what is already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
            }

            if (batch.Count > 0) await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(Insert);
            var p = command.Parameters;
            p.AddWithValue("tenants", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => AuditColumns.Tenant(b.Record.TenantId)).ToArray());
            p.AddWithValue("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, batch.Select(b => b.Record.At.UtcDateTime).ToArray());
            p.AddWithValue("users", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => b.Record.UserId).ToArray());
            p.AddWithValue("roles", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => b.Record.Role).ToArray());
            p.AddWithValue("actions", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => b.Record.Action).ToArray());
            p.AddWithValue("resources", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(b => b.Record.Resource).ToArray());
            p.AddWithValue("cases", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => b.Record.CaseId).ToArray());
            p.AddWithValue("outcomes", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => AuditColumns.Outcome(b.Record.Outcome)).ToArray());
            p.AddWithValue("correlations", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Select(b => b.Record.CorrelationId).ToArray());
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception error)
        {
            LogBatchFailed(error, batch.Count);
            var failure = new AuditWriteException("The audit record was not committed.", error);
            foreach (var pending in batch) pending.Completion.TrySetException(failure);
            return;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _records, batch.Count);
        _metrics?.AuditBatchSize.Record(batch.Count);
        foreach (var pending in batch) pending.Completion.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit batch of {Count} records failed; every append in it was reported as failed.")]
    private partial void LogBatchFailed(Exception error, int count);

    private sealed record Pending(AuditRecord Record, CancellationToken CancellationToken)
    {
        // Continuations must not run on the writer loop: that would delay the next batch.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The audit store could not make a record durable; the caller must treat it as not written.</summary>
public sealed class AuditWriteException(string message, Exception inner) : Exception(message, inner);
