using Ipt.Cluster.Live;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Caseload;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Grains.Cases;

/// <summary>The case's part in the live caseload: publishing committed batches, and the daily review of time-dependent flags.</summary>
public sealed partial class ClientCaseGrain
{
    public const string FlagReviewReminder = "review-flags";

    /// <summary>
    /// "No contact for N days" and "assessment overdue" become true with no write at all, so the
    /// case reviews its flags once a day by itself; the review commits and publishes like any command.
    /// </summary>
    public static readonly TimeSpan FlagReviewPeriod = TimeSpan.FromDays(1);

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

    private async Task PublishAsync(IReadOnlyList<RecordedEvent> events)
    {
        if (_state is null || events.Count == 0) return;
        var batch = new CaseEventsCommitted(_key.LocalId, events, time.GetUtcNow(), CaseloadRows.Of(_state));
        if (await publisher.PublishAsync(this.GetStreamProvider(StreamNames.Provider), GrainKey.Scoped(_key.Tenant, _state.ClinicId), batch))
            metrics.EventsPublished.Add(events.Count);
    }

    private async Task KeepFlagReviewAsync()
    {
        if (_state is null || _state.Phase == CasePhase.Closed) return;
        try
        {
            if (await this.GetReminder(FlagReviewReminder) is null)
                await this.RegisterOrUpdateReminder(FlagReviewReminder, FlagReviewPeriod, FlagReviewPeriod);
        }
        catch (Exception e)
        {
            // The case works without its daily review; the next activation tries again.
            LogReminderFailed(e, _key.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Case} could not register its daily flag review")]
    private partial void LogReminderFailed(Exception error, string @case);
}
