using Ipt.Cluster.Live;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>
/// Publishes committed batches to their clinic's stream. They are already durable, so nothing
/// here may fail a command: a full queue (memory streams throw InvalidOperationException past
/// 16,384 messages) gets a growing back-off; when every attempt fails the batches are logged and
/// left out, and the clinic heals each gap from the case's state when that case's next batch arrives.
/// </summary>
public sealed partial class CaseEventPublisher(ILogger<CaseEventPublisher> logger)
{
    private readonly IReadOnlyList<TimeSpan> _backOff = BackOff;

    /// <summary>With other waits between attempts (tests).</summary>
    public CaseEventPublisher(ILogger<CaseEventPublisher> logger, IReadOnlyList<TimeSpan> backOff) : this(logger) => _backOff = backOff;

    /// <summary>The waits between attempts: about 2.5 s in all, long enough for a pulling agent to drain a queue.</summary>
    public static readonly IReadOnlyList<TimeSpan> BackOff =
        [.. new[] { 5, 10, 20, 40, 80, 160, 320, 640, 1000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>True when the batches were published.</summary>
    public Task<bool> PublishAsync(IStreamProvider streams, GrainKey clinic, CaseEventBatches batches)
    {
        var stream = streams.GetStream<CaseEventBatches>(StreamId.Create(StreamNames.ClinicEvents, clinic.ToString()));
        return PublishAsync(() => stream.OnNextAsync(batches), clinic, batches);
    }

    /// <summary>Sends with <paramref name="send"/>, backing off while it throws; true when it succeeded.</summary>
    public async Task<bool> PublishAsync(Func<Task> send, GrainKey clinic, CaseEventBatches batches)
    {
        var error = await TrySendAsync(send, _backOff);
        if (error is null) return true;
        LogUnpublished(error, batches.Batches.Count, batches.Batches.Sum(static b => b.Events.Count), clinic.ToString());
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
        Message = "{Batches} committed batches ({Events} events) were not published to {Clinic}; the clinic heals each gap from its case")]
    private partial void LogUnpublished(Exception error, int batches, int events, string clinic);
}
