using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Grains.Tenants;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>
/// One IPT case. Thin by design: load, let <see cref="CaseEngine"/> decide, commit to the
/// <see cref="ICaseStore"/> (with a snapshot when <see cref="SnapshotPolicy"/> says one is due),
/// and only then change the in-memory state and answer. Orleans runs one call at a time per
/// activation, so decide-then-commit needs no lock.
/// </summary>
public sealed partial class ClientCaseGrain(
    ICaseStore store, TimeProvider time, ClinicEventsOutbox outbox, IptMetrics metrics, ILogger<ClientCaseGrain> logger)
    : Grain, IClientCaseGrain, IRemindable
{
    public const int MaxHistoryPage = 500;

    private static readonly TimeSpan PolicyRefresh = TimeSpan.FromSeconds(30);

    private GrainKey _key;
    private CaseState? _state;
    private long _snapshotVersion;
    private CasePolicy? _policy;
    private DateTimeOffset _policyLoadedAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKey.Parse(this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
        // Registering the daily review talks to the reminder service, which takes a while to settle
        // after a silo dies; the case must answer meanwhile, so its activation does not wait for it.
        _ = KeepFlagReviewAsync();
    }

    public async Task<CommandResult> ExecuteAsync(CaseCommand command, string? idempotencyKey)
    {
        if (command is null)
            return CommandResult.Refused(DomainError.Invalid(ErrorCodes.Required, "command", "A command is required."), Version);
        var context = new CaseContext(_key.LocalId, CallerContext.Actor, time.GetUtcNow(), await PolicyAsync());
        var decision = CaseEngine.Handle(_state, command, idempotencyKey, context);
        if (decision.Error is { } error) return CommandResult.Refused(error, Version);
        if (decision.Replay is { } replay) return await ReplayAsync(replay);
        if (decision.Events.Count == 0) return new CommandResult(Version, [], null, false);

        if (command is OpenCase open && await RegisterAsync(open) is { } refused)
            return CommandResult.Refused(refused, Version);

        var snapshot = SnapshotPolicy.IsDue(_snapshotVersion, Version + decision.Events.Count) ? decision.NewState : null;
        try
        {
            await store.CommitAsync(new CaseCommit(_key, Version, decision.Events, snapshot));
        }
        catch (CaseVersionConflictException conflict)
        {
            // Another activation of this case wrote first (possible for a moment after a silo
            // failure). Our view is stale: reload, and let the caller retry against the truth.
            LogConcurrentWrite(conflict.Expected, conflict.Actual);
            await LoadAsync(CancellationToken.None);
            return CommandResult.Refused(DomainError.Conflict(ErrorCodes.ConcurrentUpdate, "caseId",
                "The case changed at the same time; read it again and retry."), Version);
        }
        catch
        {
            // The outcome is unknown (the write may or may not be on disk): start afresh from the store.
            DeactivateOnIdle();
            throw;
        }
        _state = decision.NewState;
        if (snapshot is not null) _snapshotVersion = snapshot.Version;
        metrics.Committed(command.GetType().Name, decision.Events.Count);
        // After the commit, never before: only durable events reach the clinic. Publishing cannot fail the command.
        Publish(decision.Events);
        if (command is OpenCase) _ = KeepFlagReviewAsync(); // not awaited, as on activation
        return new CommandResult(Version, decision.Events, null, false);
    }

    public Task<CaseState?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_state);

    public async Task<CommandResult?> ExecuteWithinAsync(CaseReach reach, CaseCommand command, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(reach);
        if (_state is null || !reach.Allows(CaseScope.Of(_state))) return null;
        return await ExecuteAsync(command, idempotencyKey);
    }

    public Task<CaseScope?> GetScopeAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_state is null ? null : CaseScope.Of(_state));

    public async Task<HistoryPage> GetHistoryAsync(long afterSequence, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxHistoryPage);
        var events = _state is null || afterSequence >= Version
            ? []
            : await store.ReadHistoryAsync(_key, Math.Max(afterSequence, 0), size, cancellationToken);
        var last = events.Count > 0 ? events[^1].Sequence : (long?)null;
        return new HistoryPage(events, last < Version ? last : null);
    }

    public Task<double?> GetGasScoreAsync(CancellationToken cancellationToken = default) => Task.FromResult(_state is null ? null : GasScore.Of(_state));

    private long Version => _state?.Version ?? 0;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(_key, cancellationToken);
        _state = stored is null ? null : CaseEvolution.Replay(stored.Snapshot, stored.Later, _key.LocalId);
        _snapshotVersion = stored?.Snapshot?.Version ?? 0;
    }

    private async Task<CommandResult> ReplayAsync(IdempotencyRecord replay)
    {
        var count = (int)(replay.LastSequence - replay.FirstSequence + 1);
        var events = await store.ReadHistoryAsync(_key, replay.FirstSequence - 1, count);
        return new CommandResult(replay.LastSequence, events, null, true);
    }

    /// <summary>
    /// Puts a new case in its tenant's quota, its clinic and its therapist's caseload before it is
    /// committed. Each step is idempotent, so a retry after a crash in between completes them.
    /// </summary>
    private async Task<DomainError?> RegisterAsync(OpenCase open)
    {
        var therapist = await GrainFactory.GetGrain<ITherapistGrain>(GrainKey.Scoped(_key.Tenant, open.TherapistId).ToString()).GetAsync();
        if (therapist is null || therapist.ClinicId != open.ClinicId)
            return DomainError.NotFound(ErrorCodes.TherapistNotFound, "therapistId",
                $"Clinic '{open.ClinicId}' has no therapist '{open.TherapistId}'.");
        if (!therapist.CaseIds.Contains(_key.LocalId))
        {
            var reserved = await GrainFactory.GetGrain<ITenantCaseQuota>(_key.Tenant).ReserveCaseAsync();
            if (reserved.Error is { } quota) return quota;
        }
        var steps = new[]
        {
            await GrainFactory.GetGrain<IClinicGrain>(GrainKey.Scoped(_key.Tenant, open.ClinicId).ToString()).RegisterCaseAsync(_key.LocalId, open.TherapistId),
            await GrainFactory.GetGrain<ITherapistGrain>(GrainKey.Scoped(_key.Tenant, open.TherapistId).ToString()).AssignCaseAsync(_key.LocalId),
        };
        return steps.FirstOrDefault(s => !s.Succeeded)?.Error;
    }

    private async Task<CasePolicy> PolicyAsync()
    {
        // Settings change rarely; re-reading them per command would make the tenant grain a hot spot.
        if (_policy is null || time.GetUtcNow() - _policyLoadedAt > PolicyRefresh)
        {
            _policy = new CasePolicy(await GrainFactory.GetGrain<ITenantGrain>(_key.Tenant).GetSettingsAsync());
            _policyLoadedAt = time.GetUtcNow();
        }
        return _policy;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concurrent write to a case: expected version {Expected}, store has {Actual}")]
    private partial void LogConcurrentWrite(long expected, long actual);
}
