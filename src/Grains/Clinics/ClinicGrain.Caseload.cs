using Ipt.Cluster.Live;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Caseload;
using Ipt.Cluster.Grains.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Ipt.Cluster.Grains.Clinics;

/// <summary>
/// The clinic's live caseload. Not persisted: the cases are the state of record, and the clinic
/// rebuilds its rows from them when it activates (its case list is persisted). So that readers
/// never mistake a rebuilt projection for the old one, each activation starts its version from
/// the clock (microseconds since 1970): a reader holding an older version sees a jump and
/// re-reads the snapshot, as for any gap. Deltas are published only while someone watches (a
/// lease a gateway renews while it has browsers on this clinic): most clinics are watched by
/// nobody most of the time, and a delta nobody receives still costs its queue and pulling agent.
/// </summary>
public sealed partial class ClinicGrain
{
    /// <summary>How many cases the clinic reads at once when it rebuilds.</summary>
    private const int RebuildParallelism = 64;

    private CaseloadProjection _caseload = null!;
    private IAsyncStream<CaseloadDelta> _deltas = null!;
    private DateTimeOffset _watchedUntil;

    private CaseloadWatchOptions Watch => ServiceProvider.GetService<IOptions<CaseloadWatchOptions>>()?.Value ?? new CaseloadWatchOptions();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _caseload = new CaseloadProjection(Key.LocalId, time.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        _watchedUntil = time.GetUtcNow() + Watch.Grace;
        var streams = this.GetStreamProvider(StreamNames.Provider);
        _deltas = streams.GetStream<CaseloadDelta>(StreamId.Create(StreamNames.Caseload, Key.ToString()));
        if (Exists)
        {
            foreach (var chunk in state.State.Cases.Keys.Chunk(RebuildParallelism))
            {
                foreach (var row in await Task.WhenAll(chunk.Select(ReadRowAsync)))
                    if (row is not null) _caseload.Load(row);
            }
        }
    }

    public Task<CaseloadSnapshot?> GetCaseloadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Exists ? _caseload.Snapshot(time.GetUtcNow()) : null);

    public Task<long> GetCaseloadVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(Exists ? _caseload.Version : 0);

    public Task<long> WatchCaseloadAsync(TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // A lease only ever extends: one gateway's short lease must not cut another's longer one.
        // Capped at a day, so that no value a caller sends can run the clock past its end.
        var until = time.GetUtcNow() + TimeSpan.FromTicks(Math.Clamp(lease.Ticks, 0, TimeSpan.TicksPerDay));
        if (until > _watchedUntil) _watchedUntil = until;
        return GetCaseloadVersionAsync(cancellationToken);
    }

    public async Task ReceiveCommittedAsync(CaseEventBatches batches)
    {
        if (!Exists || CallerContext.Role != Roles.System) return;
        var outcome = _caseload.Apply(batches.Batches);
        await PublishAsync(outcome.Delta);
        foreach (var caseId in outcome.Gaps)
        {
            // A batch of this case never arrived (or arrived late): the case itself has the truth.
            LogGap(caseId);
            await PublishAsync(_caseload.Rebuild(caseId, await ReadRowAsync(caseId), time.GetUtcNow()));
        }
    }

    private async Task PublishAsync(CaseloadDelta? delta)
    {
        if (delta is null || time.GetUtcNow() > _watchedUntil) return;
        // A delta that cannot be published leaves a version gap, which readers heal with a snapshot.
        if (await CaseEventPublisher.TrySendAsync(() => _deltas.OnNextAsync(delta), CaseEventPublisher.BackOff) is { } error)
            LogDeltaLost(error, delta.Version);
    }

    private async Task<CaseloadRow?> ReadRowAsync(string caseId)
    {
        // Called from stream deliveries and activation, where no user is the caller: read as the system, in this tenant.
        CallerContext.Set(Key.Tenant, Roles.System, Roles.System);
        var found = await GrainFactory.GetGrain<IClientCaseGrain>(GrainKey.Scoped(Key.Tenant, caseId).ToString()).GetAsync();
        return found is null ? null : CaseloadRows.Of(found);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Caseload gap for case {CaseId}: row rebuilt from the case")]
    private partial void LogGap(string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload delta {Version} could not be published; readers re-read the snapshot")]
    private partial void LogDeltaLost(Exception error, long version);
}
