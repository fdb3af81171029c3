using System.Text.Json;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.Options;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>
/// The gateway's live caseloads: ONE stream subscription per clinic, however many browsers
/// watch it, made when the first connects and released <see cref="LiveOptions.ReleaseAfter"/>
/// after the last leaves. A background loop checks every feed (<see cref="LiveOptions.CheckPeriod"/>)
/// and subscribes again after a failure.
/// </summary>
public sealed partial class CaseloadHub(
    IClusterClient cluster, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<LiveOptions> options, IptMetrics metrics,
    ILogger<CaseloadHub> logger)
    : BackgroundService
{
    /// <summary>How many feeds the periodic check runs at once.</summary>
    private const int ConcurrentChecks = 16;

    private readonly LiveOptions _options = options.Value;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Dictionary<string, ClinicFeed> _feeds = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    /// <summary>Whether this process holds a subscription to the clinic's caseload.</summary>
    public bool IsSubscribed(GrainKey clinic)
    {
        lock (_feeds) return _feeds.ContainsKey(clinic.ToString());
    }

    /// <summary>The clinics with a live subscription in this process (tests and metrics).</summary>
    public int Subscriptions
    {
        get
        {
            lock (_feeds) return _feeds.Count;
        }
    }

    /// <summary>Connects a browser to a clinic's caseload, resuming after <paramref name="lastEventId"/> when it can.</summary>
    public async Task<CaseloadConnection> ConnectAsync(GrainKey clinic, long? lastEventId, CaseloadConnection? connection = null)
    {
        connection ??= new CaseloadConnection();
        await _lifecycle.WaitAsync();
        try
        {
            ClinicFeed? feed;
            lock (_feeds) _feeds.TryGetValue(clinic.ToString(), out feed);
            if (feed is null)
            {
                feed = new ClinicFeed(clinic, cluster, _json, metrics, logger)
                {
                    // Two checks may fail in a row before the clinic stops publishing to this gateway.
                    WatchLease = _options.CheckPeriod * 3,
                    Failed = f => Task.Run(() => RecoverAsync(f)),
                };
                await feed.StartAsync();
                lock (_feeds) _feeds[clinic.ToString()] = feed;
            }
            await feed.JoinAsync(connection, lastEventId);
            return connection;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Leaves a clinic; the last one out releases the subscription.</summary>
    public async Task DisconnectAsync(GrainKey clinic, CaseloadConnection connection)
    {
        ClinicFeed? feed;
        await _lifecycle.WaitAsync();
        try
        {
            lock (_feeds) _feeds.TryGetValue(clinic.ToString(), out feed);
            if (feed is null) return;
            await feed.LeaveAsync(connection);
        }
        finally
        {
            _lifecycle.Release();
        }
        if (feed?.Connections == 0) _ = ReleaseLaterAsync(feed);
    }

    private async Task ReleaseLaterAsync(ClinicFeed feed)
    {
        await Task.Delay(_options.ReleaseAfter);
        await _lifecycle.WaitAsync();
        try
        {
            lock (_feeds)
            {
                if (feed.Connections > 0 || !_feeds.TryGetValue(feed.Clinic.ToString(), out var current) || current != feed) return;
                _feeds.Remove(feed.Clinic.ToString());
            }
            await feed.StopAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CheckPeriod);
        while (await NextTickAsync(timer, stoppingToken))
        {
            ClinicFeed[] feeds;
            lock (_feeds) feeds = [.. _feeds.Values];
            // Several at a time: each check renews its clinic's watch, and one after another a
            // gateway with thousands of clinics open would take longer than a lease.
            await Parallel.ForEachAsync(feeds, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentChecks }, async (feed, _) =>
            {
                try
                {
                    await feed.CheckAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckFailed(e, feed.Clinic);
                    await RecoverAsync(feed);
                }
            });
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false; // the host is stopping
        }
    }

    private async Task RecoverAsync(ClinicFeed feed)
    {
        try
        {
            await feed.ResubscribeAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next check tries again.
            LogRecoverFailed(e, feed.Clinic);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload {Clinic}: check failed; subscribing again")]
    private partial void LogCheckFailed(Exception error, GrainKey clinic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload {Clinic}: subscribing again failed; retrying at the next check")]
    private partial void LogRecoverFailed(Exception error, GrainKey clinic);
}
