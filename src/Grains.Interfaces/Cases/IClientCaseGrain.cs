namespace Ipt.Cluster.Cases;

/// <summary>
/// One client's IPT case, keyed <c>{tenant}/{case}</c>. Commands are applied one at a time; each
/// accepted command is durably committed, with gap-free sequence numbers, before the call returns.
/// Callers: the gateway on behalf of an authenticated user of the same tenant, and the silo itself.
/// </summary>
[Alias("ipt.IClientCaseGrain")]
public interface IClientCaseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Executes a command. Idempotent when <paramref name="idempotencyKey"/> is given: a repeat of
    /// the same command with the same key returns the first answer and changes nothing; the same key
    /// with a different command is refused. Takes no cancellation token, on purpose: once sent, a
    /// command runs to its commit or its refusal, never stopping half-way; a caller that gave up
    /// does not know the outcome and retries with the same idempotency key. Reads take the caller's
    /// token, so a caller that gives up (an HTTP request aborted) stops waiting at once.
    /// </summary>
    [Alias("Execute")]
    Task<CommandResult> ExecuteAsync(CaseCommand command, string? idempotencyKey);

    /// <summary>
    /// Executes a command on an opened case within <paramref name="reach"/>, as
    /// <see cref="ExecuteAsync"/> does; null, with nothing changed, when no case was opened under this
    /// key or the case is outside the reach (to the caller, the two are the same: no such case).
    /// </summary>
    [Alias("ExecuteWithin")]
    Task<CommandResult?> ExecuteWithinAsync(CaseReach reach, CaseCommand command, string? idempotencyKey);

    /// <summary>
    /// The case, or null when no case was opened under this key. Changes nothing. Interleaves with
    /// a running command (the state is immutable and swapped only after a commit), so the clinic
    /// can read a case that is itself waiting on the clinic.
    /// </summary>
    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave]
    Task<CaseState?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Whose case this is (clinic, therapist), or null when no case was opened. Changes nothing.</summary>
    [Alias("GetScope"), Orleans.Concurrency.AlwaysInterleave]
    Task<CaseScope?> GetScopeAsync(CancellationToken cancellationToken = default);

    /// <summary>Committed events after <paramref name="afterSequence"/>, oldest first. Changes nothing.</summary>
    [Alias("GetHistory")]
    Task<HistoryPage> GetHistoryAsync(long afterSequence, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The case's Goal Attainment Scaling T-score over its rated, live goals; null when none is rated.</summary>
    [Alias("GetGasScore")]
    Task<double?> GetGasScoreAsync(CancellationToken cancellationToken = default);
}
