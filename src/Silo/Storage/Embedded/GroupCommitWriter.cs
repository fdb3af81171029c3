using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The single writer of the database. Callers queue requests; one dedicated thread takes whatever
/// is queued (up to the batch size), runs it in one transaction and commits once, so one fsync
/// covers the whole batch. Being the only writer also makes each request's check-then-write free
/// of races. Requests complete only after COMMIT returns (synchronous=FULL: the WAL is fsync'd).
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue;
    private readonly SqliteConnection _connection;
    private readonly WriteSession _session;
    private readonly int _maxBatchSize;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _committedBatches;

    public GroupCommitWriter(SqliteConnection connection, int maxBatchSize, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _connection = connection;
        _session = new WriteSession(connection);
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        // Bounded, so a burst beyond what the disk absorbs slows callers down instead of growing memory.
        // Synchronous continuations: a write wakes the sleeping writer thread directly. Otherwise the
        // wake-up is a thread-pool work item, queued behind every request the pool is busy with,
        // and under load each batch waited for that queue rather than for the disk. (The only
        // other continuation, a caller blocked on a full queue, just goes on to await its answer.)
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(maxBatchSize * 16)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = true,
        });
        // A dedicated thread: every batch blocks on fsync, which must not hold a thread-pool thread.
        new Thread(Run) { IsBackground = true, Name = "ipt-embedded-writer" }.Start();
    }

    /// <summary>How many transactions have committed since open.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public async Task<TResult> WriteAsync<TResult>(WriteRequest<TResult> request, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(request, cancellationToken);
        }
        catch (ChannelClosedException closed)
        {
            throw new ObjectDisposedException("The embedded store is shut down; the write was not made.", closed);
        }

        return await request.Completion;
    }

    /// <summary>Stops taking writes, commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task;
    }

    private void Run()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        try
        {
            while (WaitForWork())
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var request)) batch.Add(request);
                CommitBatch(batch);
                batch.Clear();
            }
        }
        catch (Exception fatal)
        {
            // Only a bug gets here. Fail loudly and refuse further writes rather than leave callers waiting.
            LogWriterStopped(fatal);
            _queue.Writer.TryComplete(fatal);
            foreach (var request in batch) request.Fail(fatal);
            while (_queue.Reader.TryRead(out var request)) request.Fail(fatal);
        }
        finally
        {
            _session.Dispose();
            _connection.Dispose();
            _stopped.TrySetResult();
        }
    }

    private bool WaitForWork()
    {
        var ready = _queue.Reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void CommitBatch(List<WriteRequest> batch)
    {
        batch.RemoveAll(static request =>
        {
            if (!request.CancellationToken.IsCancellationRequested) return false;
            request.Fail(new OperationCanceledException("Cancelled before it was written; nothing was written.", request.CancellationToken));
            return true;
        });
        if (batch.Count == 0) return;

        try
        {
            _session.Begin();
            foreach (var request in batch) ExecuteAlone(request);
            _session.Commit();
            Interlocked.Increment(ref _committedBatches);
        }
        catch (Exception error)
        {
            // The commit (or the transaction around it) failed: nothing of this batch is known to be
            // on disk, so no caller of it may hear "ok".
            _session.TryRollback();
            LogBatchFailed(error, batch.Count);
            var failure = new EmbeddedStoreWriteException("The write was not committed.", error);
            foreach (var request in batch) request.Fail(failure);
            return;
        }

        foreach (var request in batch)
        {
            if (request.Rejection is { } rejection) request.Fail(rejection);
            else request.Succeed();
        }
    }

    private void ExecuteAlone(WriteRequest request)
    {
        // A single statement that fails is undone by SQLite itself; anything longer needs a savepoint.
        var savepoint = !request.IsSingleStatement;
        if (savepoint) _session.Savepoint();
        try
        {
            request.Execute(_session);
            if (savepoint) _session.ReleaseSavepoint();
        }
        catch (Exception rejection) when (rejection is not SqliteException { SqliteErrorCode: SQLITE_IOERR or SQLITE_FULL or SQLITE_CORRUPT })
        {
            // Undo this request's partial writes only; if even that fails, the batch fails.
            if (savepoint) _session.RollbackToSavepoint();
            request.Rejection = rejection;
        }
    }

    private const int SQLITE_CORRUPT = 11;
    private const int SQLITE_FULL = 13;
    private const int SQLITE_IOERR = 10;

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedded store batch of {Count} writes failed; every write in it was reported as failed.")]
    private partial void LogBatchFailed(Exception error, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Embedded store writer stopped; further writes are refused.")]
    private partial void LogWriterStopped(Exception error);
}

/// <summary>The store could not make a write durable; the caller must treat it as not written.</summary>
public sealed class EmbeddedStoreWriteException(string message, Exception inner) : Exception(message, inner);
