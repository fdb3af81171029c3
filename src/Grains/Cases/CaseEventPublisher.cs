using Ipt.Cluster.Live;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>
/// Sends committed batches to their clinic, and the clinic's deltas to its stream. What they carry
/// is already durable, so nothing here may fail a command: a clinic that does not answer in time,
/// or a full queue (memory streams throw InvalidOperationException past 16,384 messages), gets a
/// growing back-off; when every attempt fails the batches are logged and left out, and the clinic
/// heals each gap from the case's state when that case's next batch arrives (readers of a lost
/// delta, from the snapshot). A batch sent twice (a call timed out, yet arrived) is a repeat the
/// clinic ignores.
/// </summary>
public sealed partial class CaseEventPublisher(ILogger<CaseEventPublisher> logger)
{
    private readonly IReadOnlyList<TimeSpan> _backOff = BackOff;

    /// <summary>With other waits between attempts (tests).</summary>
    public CaseEventPublisher(ILogger<CaseEventPublisher> logger, IReadOnlyList<TimeSpan> backOff) : this(logger) => _backOff = backOff;

    /// <summary>The waits between attempts: about 2.3 s in all, long enough for a pulling agent to drain a queue.</summary>
    public static readonly IReadOnlyList<TimeSpan> BackOff =
        [.. new[] { 5, 10, 20, 40, 80, 160, 320, 640, 1000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>Sends with <paramref name="send"/>, backing off while it throws; true when it succeeded.</summary>
    public async Task<bool> PublishAsync(Func<Task> send, GrainKey clinic, CaseEventBatches batches)
    {
        var error = await TrySendAsync(send, _backOff);
        if (error is null) return true;
        LogUnpublished(error, batches.Batches.Count, batches.Batches.Sum(static b => b.Events.Count), clinic.ToString());
        return false;
    }

    /// <summary>Sends, waiting <paramref name="backOff"/> between attempts while the receiver refuses or does not answer; the last error, or null when sent.</summary>
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
