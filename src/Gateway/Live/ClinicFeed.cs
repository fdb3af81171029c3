using System.Text.Json;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Ipt.Cluster.Security;
using Orleans.Streams;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>
/// A gateway's one subscription to one clinic's caseload stream, shared by all its connections.
/// It keeps the current snapshot (applying each delta) and a bounded buffer of recent deltas for
/// resuming. Every change happens under one gate, so a connection joins between two deltas and
/// never sees one twice or misses one. A delta whose version is not the next one means something
/// was lost: the feed re-reads the snapshot and sends it to everyone.
/// </summary>
public sealed partial class ClinicFeed(GrainKey clinic, IClusterClient cluster, JsonSerializerOptions json, IptMetrics metrics, ILogger logger)
{
    /// <summary>Deltas kept for <c>Last-Event-ID</c>; a browser further behind gets a snapshot.</summary>
    public const int ResumeBuffer = 1024;

    private const int TickerKept = 50;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LinkedList<LiveFrame> _recent = new();
    private readonly List<CaseloadConnection> _connections = [];
    private StreamSubscriptionHandle<CaseloadDelta>? _subscription;
    private long? _version;
    private DateTimeOffset _at;
    private CaseloadCounts? _counts;
    private LiveFrame? _snapshotFrame;
    private Dictionary<string, CaseloadRow> _rows = [];
    private List<TickerItem> _ticker = [];
    private long _mineAtLastCheck = -1;
    private bool _differedAtLastCheck;

    public GrainKey Clinic => clinic;

    public int Connections => _connections.Count;

    /// <summary>How long each renewal keeps the clinic publishing; the hub renews every check period.</summary>
    public required TimeSpan WatchLease { get; init; }

    /// <summary>
    /// Subscribes, asks the clinic to publish, then reads the snapshot: deltas that race with the
    /// read are sorted out by version.
    /// </summary>
    public async Task StartAsync()
    {
        await SubscribeAndWatchAsync();
        await _gate.WaitAsync();
        try
        {
            if (_version is null) await ResyncAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync()
    {
        foreach (var c in _connections) c.Close();
        if (_subscription is { } s)
        {
            _subscription = null;
            try
            {
                await s.UnsubscribeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogUnsubscribeFailed(e, clinic);
            }
        }
    }

    /// <summary>
    /// Adds a connection: the deltas after <paramref name="lastEventId"/> when the buffer still
    /// has them all, else the snapshot; then every delta as it comes.
    /// </summary>
    public async Task JoinAsync(CaseloadConnection connection, long? lastEventId)
    {
        await _gate.WaitAsync();
        try
        {
            if (_version is null) await ResyncAsync();
            var current = _version!.Value;
            if (lastEventId is { } last && last <= current && (last == current || _recent.First?.Value.Version <= last + 1))
            {
                foreach (var frame in _recent.Where(f => f.Version > last)) connection.Offer(frame);
            }
            else
            {
                connection.Offer(SnapshotFrame());
            }
            _connections.Add(connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task LeaveAsync(CaseloadConnection connection)
    {
        await _gate.WaitAsync();
        try
        {
            _connections.Remove(connection);
            connection.Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The periodic check, which also renews the watch. When the clinic's version differed from ours
    /// at the last check too and no delta came in between, a delta was lost at the tail (or the
    /// clinic restarted, or our watch had lapsed): re-read the snapshot. One differing check is not
    /// enough: a delta committed just before it is usually still on its way. A failing check means
    /// the cluster moved under us: subscribe again.
    /// </summary>
    public async Task CheckAsync()
    {
        var mine = _version ?? -1;
        var theirs = await WatchAsync();
        var stuck = _differedAtLastCheck && mine == _mineAtLastCheck;
        _mineAtLastCheck = mine;
        _differedAtLastCheck = theirs != mine;
        if (!stuck || theirs == mine) return;
        await _gate.WaitAsync();
        try
        {
            if ((_version ?? -1) == mine)
            {
                LogStale(clinic, mine, theirs);
                await ResyncAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a failure (a silo restart): a fresh subscription and a snapshot for everyone.</summary>
    public async Task ResubscribeAsync()
    {
        var old = _subscription;
        _subscription = null;
        if (old is not null)
        {
            try
            {
                await old.UnsubscribeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogUnsubscribeFailed(e, clinic);
            }
        }
        await SubscribeAndWatchAsync();
        await _gate.WaitAsync();
        try
        {
            await ResyncAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Set by the hub: called when the subscription reports an error.</summary>
    public Func<ClinicFeed, Task>? Failed { get; set; }

    private static readonly CaseloadCounts EmptyCounts =
        new(0, new Dictionary<Cases.CasePhase, int>(), new Dictionary<string, int>(), new Dictionary<Cases.CaseFlag, int>());

    private IClinicGrain Grain => cluster.GetGrain<IClinicGrain>(clinic.ToString());

    private async Task SubscribeAndWatchAsync()
    {
        var stream = cluster.GetStreamProvider(StreamNames.Provider).GetStream<CaseloadDelta>(StreamId.Create(StreamNames.Caseload, clinic.ToString()));
        _subscription = await stream.SubscribeAsync((delta, _) => OnDeltaAsync(delta), OnErrorAsync);
        await WatchAsync();
    }

    private Task<long> WatchAsync() => AsSystem(() => Grain.WatchCaseloadAsync(WatchLease));

    private async Task OnDeltaAsync(CaseloadDelta delta)
    {
        await _gate.WaitAsync();
        try
        {
            if (_version is not { } version || delta.Version <= version && delta.Version > version - ResumeBuffer) return;
            if (delta.Version != version + 1)
            {
                LogGap(clinic, version, delta.Version);
                await ResyncAsync();
                return;
            }
            Apply(delta);
            var frame = LiveFrame.Of(delta, json);
            _recent.AddLast(frame);
            if (_recent.Count > ResumeBuffer) _recent.RemoveFirst();
            Broadcast(frame);
            metrics.DeltasFannedOut.Add(_connections.Count);
            metrics.FanOutLag.Record((DateTimeOffset.UtcNow - delta.ServerTimestamp).TotalMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task OnErrorAsync(Exception error)
    {
        LogStreamError(error, clinic);
        return Failed?.Invoke(this) ?? Task.CompletedTask;
    }

    /// <summary>Reads the snapshot from the clinic and sends it to every connection; the resume buffer starts over.</summary>
    private async Task ResyncAsync()
    {
        var snapshot = await AsSystem(() => Grain.GetCaseloadAsync())
            ?? new CaseloadSnapshot(clinic.LocalId, 0, DateTimeOffset.UtcNow, [], EmptyCounts, []);
        _rows = snapshot.Rows.ToDictionary(r => r.CaseId, StringComparer.Ordinal);
        _ticker = [.. snapshot.Ticker];
        _recent.Clear();
        _version = snapshot.Version;
        _at = snapshot.ServerTimestamp;
        _counts = snapshot.Counts;
        _snapshotFrame = LiveFrame.Of(snapshot, json);
        Broadcast(_snapshotFrame);
    }

    /// <summary>The current snapshot, rebuilt from the rows only when someone joins after a change.</summary>
    private LiveFrame SnapshotFrame() => _snapshotFrame ??= LiveFrame.Of(new CaseloadSnapshot(clinic.LocalId, _version!.Value, _at,
        [.. _rows.Values.OrderBy(r => r.CaseId, StringComparer.Ordinal)], _counts!, [.. _ticker]), json);

    private void Apply(CaseloadDelta delta)
    {
        foreach (var row in delta.Changed) _rows[row.CaseId] = row;
        foreach (var id in delta.Removed) _rows.Remove(id);
        _ticker.AddRange(delta.Ticker);
        if (_ticker.Count > TickerKept) _ticker.RemoveRange(0, _ticker.Count - TickerKept);
        _version = delta.Version;
        _at = delta.ServerTimestamp;
        _counts = delta.Counts;
        _snapshotFrame = null;
    }

    private void Broadcast(LiveFrame frame)
    {
        // Never waits: a full channel means a slow browser, which is cut off (it reconnects and resumes).
        _connections.RemoveAll(c => !c.Offer(frame));
    }

    private Task<T> AsSystem<T>(Func<Task<T>> call) => CallerContext.RunAs(clinic.Tenant, "gateway", Roles.System, call);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caseload {Clinic}: version {Have} then {Got}; re-reading the snapshot")]
    private partial void LogGap(GrainKey clinic, long have, long got);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caseload {Clinic}: still at {Have} a period after the clinic was elsewhere (now {Theirs}); re-reading the snapshot")]
    private partial void LogStale(GrainKey clinic, long have, long theirs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload {Clinic}: the stream subscription failed")]
    private partial void LogStreamError(Exception error, GrainKey clinic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Caseload {Clinic}: unsubscribing failed")]
    private partial void LogUnsubscribeFailed(Exception error, GrainKey clinic);
}
