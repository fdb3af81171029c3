namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// One caller's write, queued for the group-commit writer. It runs inside the batch's transaction
/// under its own savepoint; an exception from <see cref="Execute"/> (a failed version check, say)
/// undoes this request only. Its task completes after the batch's commit has returned, so success
/// is only ever reported for data that is on disk.
/// </summary>
internal abstract class WriteRequest(CancellationToken cancellationToken)
{
    /// <summary>A request cancelled while still queued is never executed.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// True when the request is one SQL statement: SQLite undoes a failed statement by itself and
    /// keeps the transaction, so the writer spares it the savepoint (two statements per request).
    /// </summary>
    public virtual bool IsSingleStatement => false;

    /// <summary>Why this request wrote nothing, once the writer has run it; null when it wrote.</summary>
    public Exception? Rejection { get; set; }

    /// <summary>Checks and writes; runs on the writer thread inside an open transaction.</summary>
    public abstract void Execute(WriteSession session);

    public abstract void Succeed();

    public abstract void Fail(Exception error);
}

/// <summary>A write whose caller gets a <typeparamref name="TResult"/> back.</summary>
internal abstract class WriteRequest<TResult>(CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    // Continuations must not run on the writer thread: that would stall the next batch.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;

    public Task<TResult> Completion => _completion.Task;

    protected abstract TResult Apply(WriteSession session);

    public sealed override void Execute(WriteSession session) => _result = Apply(session);

    public sealed override void Succeed() => _completion.TrySetResult(_result!);

    public sealed override void Fail(Exception error) => _completion.TrySetException(error);
}
