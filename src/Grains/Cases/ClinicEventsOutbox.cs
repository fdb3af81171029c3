using System.Collections.Concurrent;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Ipt.Cluster.Security;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>
/// The silo's outbox towards the clinic grains. A case grain hands over a batch once it is durable
/// and answers its caller at once; each clinic has a lane here that sends what has gathered for it
/// as one call (<see cref="CaseEventBatches"/>). So a command makes no call of its own, and a clinic
/// with thousands of busy cases receives a few calls per gathering period rather than one per
/// command: the per-silo pre-aggregation that keeps it from being a hot grain.
/// A direct call, not a stream: the clinic is the one reader, and a memory stream between the two
/// only added a queue grain, a pulling agent's wait and a serialization round trip to every batch.
/// Order is kept: a case hands over its batches in commit order, its clinic's lane keeps that
/// order, and one call per lane completes before the next begins. A slow clinic (one rebuilding
/// after activation, say) holds up only its own lane, whose next call then carries more.
/// </summary>
public sealed partial class ClinicEventsOutbox
{
    /// <summary>
    /// How long a lane lets batches gather after the first arrives; the dashboard's lag budget is
    /// 50 ms. A group commit hands over its cases' batches within a millisecond or two, so 2 ms
    /// still sends most of a burst as one call. Measured with 200 dashboards at 1,000 events/s:
    /// 5 ms added 2-6 ms to the median lag; no gathering at all sent twice the messages for no
    /// better p99.
    /// </summary>
    public static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(2);

    private readonly ConcurrentDictionary<GrainKey, Lane> _lanes = new();
    private readonly Func<GrainKey, CaseEventBatches, Task> _deliver;
    private readonly CaseEventPublisher _publisher;
    private readonly IptMetrics _metrics;
    private readonly ILogger<ClinicEventsOutbox> _logger;

    public ClinicEventsOutbox(IGrainFactory grains, CaseEventPublisher publisher, IptMetrics metrics, ILogger<ClinicEventsOutbox> logger)
        : this((clinic, batches) => grains.GetGrain<IClinicGrain>(clinic.ToString()).ReceiveCommittedAsync(batches), publisher, metrics, logger)
    {
    }

    /// <summary>Delivering with <paramref name="deliver"/> instead of a call to the clinic grain (tests).</summary>
    internal ClinicEventsOutbox(Func<GrainKey, CaseEventBatches, Task> deliver, CaseEventPublisher publisher, IptMetrics metrics, ILogger<ClinicEventsOutbox> logger)
    {
        _deliver = deliver;
        _publisher = publisher;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Queues a committed batch for its clinic; never blocks and never fails the command.</summary>
    public void Enqueue(GrainKey clinic, CaseEventsCommitted batch)
    {
        var lane = _lanes.GetOrAdd(clinic, static key => new Lane(key));
        if (!lane.Add(batch)) return;
        // Not under the caller's execution context: the lane outlives the command, and sends as the clinic's system.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => SendAsync(lane));
    }

    private async Task SendAsync(Lane lane)
    {
        await Task.Delay(Gathering);
        while (lane.TakeOrRest() is { } batches)
        {
            try
            {
                // Delivery carries no user: it runs as the system, inside the clinic's tenant.
                CallerContext.Set(lane.Clinic.Tenant, Roles.System, Roles.System);
                var message = new CaseEventBatches(batches);
                if (await _publisher.PublishAsync(() => _deliver(lane.Clinic, message), lane.Clinic, message))
                    _metrics.EventsPublished.Add(batches.Sum(static b => b.Events.Count));
            }
            catch (Exception unexpected)
            {
                // The publisher handles the call's failures; anything else is a bug, and must not leave the lane stuck.
                LogSendFailed(unexpected, lane.Clinic.ToString());
            }
        }
    }

    /// <summary>One clinic's batches waiting to be sent, and whether a sender is at work on them.</summary>
    private sealed class Lane(GrainKey clinic)
    {
        private readonly Lock _lock = new();
        private List<CaseEventsCommitted> _waiting = [];
        private bool _sending;

        public GrainKey Clinic => clinic;

        /// <summary>Adds a batch; true when the lane was at rest, and the caller must start its sender.</summary>
        public bool Add(CaseEventsCommitted batch)
        {
            lock (_lock)
            {
                _waiting.Add(batch);
                if (_sending) return false;
                return _sending = true;
            }
        }

        /// <summary>What has gathered since the last call; null, with the lane at rest, when nothing has.</summary>
        public List<CaseEventsCommitted>? TakeOrRest()
        {
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return null;
                }
                var taken = _waiting;
                _waiting = [];
                return taken;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The clinic events outbox failed a send to {Clinic}; the lane goes on")]
    private partial void LogSendFailed(Exception error, string clinic);
}
