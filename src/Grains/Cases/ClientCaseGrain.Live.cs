using Ipt.Cluster.Live;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Caseload;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>The case's part in the live caseload: publishing committed batches, and the daily review of time-dependent flags.</summary>
public sealed partial class ClientCaseGrain
{
    public const string FlagReviewReminder = "review-flags";

    /// <summary>
    /// "No contact for N days", "assessment overdue" and a milestone past its date become true with
    /// no write at all, so the case reviews its flags by itself (daily, <see cref="FlagReviewOptions"/>);
    /// the review commits and publishes like any command.
    /// </summary>
    private FlagReviewOptions FlagReview => ServiceProvider.GetService<IOptions<FlagReviewOptions>>()?.Value ?? new FlagReviewOptions();

    private IGrainTimer? _flagReviewRetry;

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != FlagReviewReminder) return;
        if (_state is null || _state.Phase == CasePhase.Closed)
        {
            if (await this.GetReminder(FlagReviewReminder) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }
        // A reminder arrives with no caller: the review runs as the system, inside the case's tenant.
        CallerContext.Set(_key.Tenant, Roles.System, Roles.System);
        await ExecuteAsync(new ReviewFlags(), null);
    }

    /// <summary>Hands a durable batch to the silo's outbox; the command does not wait for the stream.</summary>
    private void Publish(IReadOnlyList<RecordedEvent> events)
    {
        if (_state is null || events.Count == 0) return;
        var batch = new CaseEventsCommitted(_key.LocalId, events, time.GetUtcNow(), CaseloadRows.Of(_state));
        outbox.Enqueue(GrainKey.Scoped(_key.Tenant, _state.ClinicId), batch);
    }

    /// <summary>
    /// Makes sure the review reminder exists. Never awaited by activation: the case answers while the
    /// reminder service is slow or failing, and a failure is logged and tried again every
    /// <see cref="FlagReviewOptions.RetryAfter"/> (an interleaving timer, so a hung attempt blocks
    /// no call) until the service takes it or the case deactivates.
    /// </summary>
    private async Task KeepFlagReviewAsync()
    {
        if (_state is null || _state.Phase == CasePhase.Closed) return;
        var review = FlagReview;
        try
        {
            if (await this.GetReminder(FlagReviewReminder) is null)
                await this.RegisterOrUpdateReminder(FlagReviewReminder, review.Period, review.Period);
            _flagReviewRetry?.Dispose();
            _flagReviewRetry = null;
        }
        catch (Exception e)
        {
            LogReminderFailed(e, _key.ToString(), review.RetryAfter);
            _flagReviewRetry ??= this.RegisterGrainTimer(KeepFlagReviewAsync,
                new GrainTimerCreationOptions(review.RetryAfter, review.RetryAfter) { Interleave = true, KeepAlive = false });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Case} could not register its flag review; trying again in {RetryAfter}")]
    private partial void LogReminderFailed(Exception error, string @case, TimeSpan retryAfter);
}
