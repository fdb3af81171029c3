using Ipt.Cluster.Cases;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Cases;

[Collection(ClusterCollection.Name)]
public sealed class CourseOfTreatmentTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_case_is_carried_from_intake_through_twelve_sessions_to_closure()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        const string id = "case-course";
        await OpenThroughInitialPhase(tenant, id);
        await tenant.Do(id, new MovePhase(CasePhase.Middle, null));

        var goal = (GoalProposed)(await tenant.Do(id, new ProposeGoal("dispute-communication", null, null, RelationshipContext.Romantic, null, null))).Events[0].Event;
        await tenant.Do(id, new AgreeGoal(goal.Goal.GoalId, true, true));
        await tenant.Do(id, new AddMilestone(goal.Goal.GoalId, "PHQ-9 below 10", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 9, "phq-9", null), 8, null));

        int[] phq9 = [16, 15, 13, 12, 10, 9, 8, 7, 6, 5, 4];
        for (var n = 2; n <= 12; n++)
        {
            await tenant.Do(id, Session(n));
            if (n % 2 == 0) await tenant.Do(id, Phq9Total(phq9[n - 2]));
            if (n == 4) await tenant.Do(id, new RateGoal(goal.Goal.GoalId, 0, "talks without shouting"));
            if (n == 10) await tenant.Do(id, new MovePhase(CasePhase.Termination, null));
        }
        await tenant.Do(id, new AchieveGoal(goal.Goal.GoalId, "they renegotiated chores"));
        await tenant.Do(id, new RecordTermination(new Termination("PHQ-9 from 16 to 4; dispute renegotiated.",
            ["sleeping badly", "avoiding partner"], "call the clinic; use role-play skills", NextStep.End, null, null, null)));
        await tenant.Do(id, new MovePhase(CasePhase.Closed, null));

        var state = await tenant.Read(id);
        Assert.NotNull(state);
        Assert.Equal(CasePhase.Closed, state.Phase);
        Assert.Equal(12, state.Sessions.Count);
        Assert.Equal(Enumerable.Range(1, 12), state.Sessions.Select(s => s.Number));
        Assert.Equal(GoalStatus.Achieved, state.Goals.Single().Status);
        Assert.Equal(MilestoneStatus.Achieved, state.Milestones.Single().Status);
        Assert.Equal(4, state.Measures[^1].Score.Total);
        Assert.Empty(state.Flags);

        var history = await ReadAllHistory(tenant, id);
        Assert.Equal(Enumerable.Range(1, (int)state.Version).Select(v => (long)v), history.Select(e => e.Sequence));
        Assert.Contains(history, e => e.Event is MilestoneAchieved);
        Assert.Contains(history, e => e.Event is FlagRaised { Flag: CaseFlag.Remission });
        Assert.All(history, e => Assert.Equal(TestTenant.Therapist, e.By.UserId));
    }

    [Fact]
    public async Task A_committed_case_reads_back_the_same_after_the_silo_restarts()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ipt-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            CaseState? before;
            var cluster = await ClusterFixture.StartAsync(dataDirectory);
            TestTenant tenant;
            try
            {
                tenant = await TestTenant.CreateAsync(cluster.Client);
                await OpenThroughInitialPhase(tenant, "case-restart");
                await tenant.Do("case-restart", new MovePhase(CasePhase.Middle, null));
                for (var session = 2; session <= 9; session++) await tenant.Do("case-restart", Session(session), idempotencyKey: $"session-{session}");
                await tenant.Do("case-restart", new ProposeGoal(null, "Call my sister weekly", null, RelationshipContext.Family, 2, null));
                before = await tenant.Read("case-restart");
            }
            finally
            {
                await cluster.StopAllSilosAsync();
                await cluster.DisposeAsync();
            }

            // The case is stored as a snapshot and the events after it, one of them carrying an
            // idempotency key the snapshot does not know: the restart must replay it.
            string keyAfterSnapshot;
            await using (var store = new Storage.ExistingStore(dataDirectory))
            {
                var stored = await store.Cases.LoadAsync(Ipt.Cluster.Ids.GrainKey.Parse(tenant.Key("case-restart")));
                Assert.NotNull(stored!.Snapshot);
                keyAfterSnapshot = stored.Later.Last(e => e.Completes is not null).Completes!.Key;
                Assert.DoesNotContain(stored.Snapshot.RecentCommands, c => c.Key == keyAfterSnapshot);
            }

            var restarted = await ClusterFixture.StartAsync(dataDirectory);
            try
            {
                var again = new TestTenant(restarted.Client, tenant.Id);
                var after = await again.Read("case-restart");
                Assert.NotNull(before);
                Assert.NotNull(after);
                Assert.Equal(before.Version, after.Version);
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(after));
                Assert.Equal(after.Version, (await ReadAllHistory(again, "case-restart")).Count);
                var retried = await again.Do("case-restart", Session(int.Parse(keyAfterSnapshot["session-".Length..], System.Globalization.CultureInfo.InvariantCulture)), keyAfterSnapshot);
                Assert.True(retried.Replayed);
                Assert.Equal(after.Version, (await again.Read("case-restart"))!.Version);
                var clinic = await again.AsAdmin(() => restarted.Client.GetGrain<Ipt.Cluster.Clinics.IClinicGrain>(again.Key(TestTenant.Clinic)).GetAsync());
                Assert.Equal(1, clinic!.CaseCount);
            }
            finally
            {
                await restarted.StopAllSilosAsync();
                await restarted.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
    }

    internal static async Task<List<RecordedEvent>> ReadAllHistory(TestTenant tenant, string caseId)
    {
        var all = new List<RecordedEvent>();
        long? after = 0;
        while (after is { } from)
        {
            var page = await tenant.AsTherapist(() => tenant.Case(caseId).GetHistoryAsync(from, 7));
            all.AddRange(page.Events);
            after = page.NextAfter;
        }
        return all;
    }
}
