using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// Group commit for case commits. Case grains queue their commits; a few writer loops each take
/// whatever is queued (up to the batch size) and write it in ONE transaction: one round trip for
/// all statements (<see cref="NpgsqlBatch"/>), one COMMIT, one WAL flush. While one loop commits,
/// the next batch gathers on another connection, so under load each commit carries many cases and
/// the database does far less work per command than with a transaction each.
/// <para>
/// Every caller hears its outcome only after COMMIT has returned, so nothing acknowledged can be
/// lost by a crash between the write and the answer. A stale commit (version conflict) writes
/// nothing and does not disturb the rest of its batch. A statement that raises an integrity error
/// aborts its transaction; the batch is then written again one commit per transaction, so only
/// the offending caller fails. Any other failure fails the whole batch: none of it is known to be
/// durable, and the callers treat the outcome as unknown.
/// </para>
/// </summary>
internal sealed partial class PostgresCaseWriter : IAsyncDisposable
{
    private readonly Channel<PendingCaseCommit> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task[] _loops;
    private long _batches;
    private long _commits;

    public PostgresCaseWriter(NpgsqlDataSource dataSource, int writers, int maxBatch, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _dataSource = dataSource;
        _maxBatch = maxBatch;
        _logger = logger;
        // Bounded: a burst beyond what the database absorbs slows callers instead of growing memory.
        _queue = Channel.CreateBounded<PendingCaseCommit>(new BoundedChannelOptions(maxBatch * writers * 8)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loops = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Committed transactions and case commits since start: their ratio is the mean batch size.</summary>
    public (long Batches, long Commits) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _commits));

    /// <summary>Queues the commit; true once it is durable, false when its expected version was stale.</summary>
    public async Task<bool> CommitAsync(PendingCaseCommit pending)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, pending.CancellationToken);
        }
        catch (ChannelClosedException closed)
        {
            throw new ObjectDisposedException("The case store is shut down; the commit was not written.", closed);
        }

        return await pending.Outcome;
    }

    /// <summary>Stops taking commits and writes what is already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingCaseCommit>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested) pending.Cancel();
                else batch.Add(pending);
            }

            if (batch.Count > 0) await CommitBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitBatchAsync(List<PendingCaseCommit> batch)
    {
        // Rows are locked in key order in every batch, so two writers never deadlock on the same
        // cases (two activations of one case, for a moment after a silo failure, can both commit).
        batch.Sort(static (a, b) => string.CompareOrdinal(a.Case.Tenant, b.Case.Tenant) is var byTenant and not 0
            ? byTenant
            : string.CompareOrdinal(a.Case.LocalId, b.Case.LocalId));
        try
        {
            Settle(batch, await WriteAsync(batch));
        }
        catch (PostgresException refused) when (batch.Count > 1 && IsStatementError(refused))
        {
            LogBatchRetriedAlone(refused, batch.Count);
            foreach (var pending in batch) await CommitAloneAsync(pending);
        }
        catch (Exception error)
        {
            LogBatchFailed(error, batch.Count);
            foreach (var pending in batch) pending.Fail(error);
        }
    }

    private async Task CommitAloneAsync(PendingCaseCommit pending)
    {
        try
        {
            Settle([pending], await WriteAsync([pending]));
        }
        catch (Exception error)
        {
            pending.Fail(error);
        }
    }

    /// <summary>One transaction: all statements in one round trip, then COMMIT. Per statement: did its events go in.</summary>
    private async Task<bool[]> WriteAsync(IReadOnlyList<PendingCaseCommit> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var pending in batch) statements.BatchCommands.Add(pending.Statement());

        var moved = new bool[batch.Count];
        await using (var reader = await statements.ExecuteReaderAsync())
        {
            for (var i = 0; i < moved.Length; i++)
            {
                if (i > 0) await reader.NextResultAsync();
                await reader.ReadAsync();
                moved[i] = reader.GetInt64(0) > 0;
            }
        }

        await transaction.CommitAsync();
        return moved;
    }

    private void Settle(IReadOnlyList<PendingCaseCommit> batch, bool[] moved)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _commits, moved.Count(m => m));
        for (var i = 0; i < batch.Count; i++) batch[i].Settle(moved[i]);
    }

    // Data and integrity errors come from one statement (its rows), not from the connection or the server.
    private static bool IsStatementError(PostgresException error) =>
        error.SqlState.StartsWith("22", StringComparison.Ordinal) || error.SqlState.StartsWith("23", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A case commit batch of {Count} hit a statement error; its commits are written one by one.")]
    private partial void LogBatchRetriedAlone(Exception error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A case commit batch of {Count} failed; every commit in it was reported as failed.")]
    private partial void LogBatchFailed(Exception error, int count);
}
