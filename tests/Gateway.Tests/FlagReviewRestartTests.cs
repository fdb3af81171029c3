using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// Local mode restarted: a case's daily flag review keeps its schedule across the restart, so a case
/// nobody opens afterwards still gets "no contact" raised by the system. (With reminders kept in
/// memory the review was forgotten at the restart and came back only when something activated the case.)
/// </summary>
public sealed class FlagReviewRestartTests
{
    [Fact]
    public async Task A_case_nobody_touches_after_a_restart_still_reviews_its_flags_by_itself()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-gateway-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The host before the restart lives a month in the past, so that the one after it runs on
            // today's clock: a host started with its clock a month ahead once declared its own silo dead
            // and stopped the test process (the dead silo's generation was a month below the
            // membership's minimum).
            GrainKey caseKey;
            await using (var before = new FlagReviewFactory(folder, DateTimeOffset.UtcNow - TimeSpan.FromDays(30)))
            {
                var tenant = await ApiTenant.CreateAsync(before);
                var caseId = await tenant.OpenCaseAsync("case-quiet-after-restart");
                await tenant.Ana().Post($"/api/cases/{caseId}/questionnaires", Phq9(12)).Ok();
                caseKey = GrainKey.Scoped(tenant.Id, caseId);
                await WaitForReviewReminderAsync(before, caseKey);
            }

            // The host comes back a month later; nothing asks for the case.
            await using var after = new FlagReviewFactory(folder, DateTimeOffset.UtcNow);
            _ = after.Server;
            var store = after.Services.GetRequiredService<ICaseStore>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
            IReadOnlyList<RecordedEvent> history = [];
            while (DateTime.UtcNow < deadline && !RaisedNoContact(history))
            {
                await Task.Delay(250);
                history = await store.ReadHistoryAsync(caseKey, 0, 500);
            }

            Assert.True(RaisedNoContact(history), $"no 'no contact' flag was raised within 45 s of the restart; history: {string.Join(", ", history.Select(e => e.Event.GetType().Name))}");
            Assert.Equal(Actor.System.Role, history.Last(e => e.Event is FlagRaised { Flag: CaseFlag.NoContact }).By.Role);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static bool RaisedNoContact(IReadOnlyList<RecordedEvent> history) =>
        history.Any(e => e.Event is FlagRaised { Flag: CaseFlag.NoContact });

    /// <summary>The case registers its review off its activation's path; wait until the reminder is stored.</summary>
    private static async Task WaitForReviewReminderAsync(GatewayFactory factory, GrainKey caseKey)
    {
        var table = factory.Services.GetRequiredService<IReminderTable>();
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IClientCaseGrain>(caseKey.ToString()).GetGrainId();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await table.ReadRow(grain, Ipt.Cluster.Grains.Cases.ClientCaseGrain.FlagReviewReminder) is not null) return;
            await Task.Delay(100);
        }

        Assert.Fail("the case never registered its flag review");
    }
}
