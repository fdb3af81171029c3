using Ipt.Cluster.Live;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>
/// Publishes a committed batch to its clinic's stream. The batch is already durable, so nothing
/// here may fail the command: a full queue (memory streams throw InvalidOperationException past
/// 16,384 messages) gets a growing back-off; when every attempt fails the batch is logged and
/// left out, and the clinic heals the gap from the case's state when the next batch arrives.
/// </summary>
public sealed partial class CaseEventPublisher(ILogger<CaseEventPublisher> logger)
{
    private readonly IReadOnlyList<TimeSpan> _backOff = BackOff;

    /// <summary>With other waits between attempts (tests).</summary>
    public CaseEventPublisher(ILogger<CaseEventPublisher> logger, IReadOnlyList<TimeSpan> backOff) : this(logger) => _backOff = backOff;

    /// <summary>The waits between attempts: about 2.5 s in all, long enough for a pulling agent to drain a queue.</summary>
    public static readonly IReadOnlyList<TimeSpan> BackOff =
        [.. new[] { 5, 10, 20, 40, 80, 160, 320, 640, 1000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>True when the batch was published.</summary>
    public Task<bool> PublishAsync(IStreamProvider streams, GrainKey clinic, CaseEventsCommitted batch)
    {
        var stream = streams.GetStream<CaseEventsCommitted>(StreamId.Create(StreamNames.ClinicEvents, clinic.ToString()));
        return PublishAsync(() => stream.OnNextAsync(batch), clinic, batch);
    }

    /// <summary>Sends with <paramref name="send"/>, backing off while it throws; true when it succeeded.</summary>
    public async Task<bool> PublishAsync(Func<Task> send, GrainKey clinic, CaseEventsCommitted batch)
    {
        var error = await TrySendAsync(send, _backOff);
        if (error is null) return true;
        LogUnpublished(error, batch.CaseId, batch.Events[0].Sequence, batch.Events[^1].Sequence, clinic.ToString());
        return false;
    }

    /// <summary>Sends, waiting <paramref name="backOff"/> between attempts while the stream refuses; the last error, or null when sent.</summary>
    public static async Task<Exception?> TrySendAsync(Func<Task> send, IReadOnlyList<TimeSpan> backOff)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await send();
                return null;
            }
            catch (Exception e) when (attempt < backOff.Count && e is InvalidOperationException or TimeoutException or OrleansException)
            {
                await Task.Delay(backOff[attempt]);
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Case {CaseId} events {First}-{Last} are committed but not published to {Clinic}; the clinic heals the gap from the case")]
    private partial void LogUnpublished(Exception error, string caseId, long first, long last, string clinic);
}
