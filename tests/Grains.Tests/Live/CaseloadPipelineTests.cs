using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Live;

[Collection(ClusterCollection.Name)]
public sealed class CaseloadPipelineTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_committed_event_reaches_the_clinic_projection_and_a_delta_with_the_next_version()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await tenant.Do("case-live", Open());
        var clinic = fixture.Grains.GetGrain<IClinicGrain>(tenant.Key(TestTenant.Clinic));
        await using var probe = await CaseloadStreamProbe.SubscribeAsync(fixture.Cluster.Client, tenant.Key(TestTenant.Clinic));
        var before = await Eventually(tenant, clinic, s => s.Rows.Any(r => r.CaseId == "case-live"));

        await tenant.Do("case-live", Phq9Total(14, item9: 1));

        var delta = await probe.NextAsync(d => d.Version > before.Version);
        Assert.Equal(before.Version + 1, delta.Version);
        var row = Assert.Single(delta.Changed);
        Assert.Equal(14, row.LatestPhq9);
        Assert.Contains(CaseFlag.SuicideRisk, row.Flags);
        Assert.Contains(delta.Ticker, t => t.Kind == "score-submitted");
        Assert.Equal(1, delta.Counts.ByFlag[CaseFlag.SuicideRisk]);
        var after = await tenant.AsSupervisor<CaseloadSnapshot?>(() => clinic.GetCaseloadAsync());
        Assert.Equal(delta.Version, after!.Version);
        Assert.Equal(14, after.Rows.Single(r => r.CaseId == "case-live").LatestPhq9);
    }

    [Fact]
    public async Task A_clinic_nobody_watches_publishes_no_deltas_and_a_returning_watcher_sees_the_version_jump()
    {
        // This cluster gives a clinic no grace after activation (Live:ClinicWatch:Grace 0).
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await tenant.Do("case-unwatched", Open());
        var clinic = fixture.Grains.GetGrain<IClinicGrain>(tenant.Key(TestTenant.Clinic));
        var before = await Eventually(tenant, clinic, s => s.Rows.Any(r => r.CaseId == "case-unwatched"));
        await using var probe = await CaseloadStreamProbe.SubscribeAsync(fixture.Cluster.Client, tenant.Key(TestTenant.Clinic), watch: false);

        await tenant.Do("case-unwatched", Phq9Total(14));
        var moved = await Eventually(tenant, clinic, s => s.Version > before.Version);
        Assert.False(await probe.AnyWithinAsync(TimeSpan.FromSeconds(1)), "an unwatched clinic published a delta");

        Assert.Equal(moved.Version, await CaseloadStreamProbe.WatchAsync(fixture.Cluster.Client, tenant.Key(TestTenant.Clinic)));
        await tenant.Do("case-unwatched", Phq9Total(9));

        var delta = await probe.NextAsync(_ => true);
        Assert.Equal(moved.Version + 1, delta.Version);
        Assert.Equal(9, Assert.Single(delta.Changed).LatestPhq9);
    }

    [Fact]
    public async Task A_shorter_lease_from_another_watcher_does_not_end_a_longer_one()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await tenant.Do("case-leases", Open());
        var clinicKey = tenant.Key(TestTenant.Clinic);
        await using var probe = await CaseloadStreamProbe.SubscribeAsync(fixture.Cluster.Client, clinicKey);
        await CallerContext.RunAs(tenant.Id, "other-gateway", Roles.System,
            () => fixture.Grains.GetGrain<IClinicGrain>(clinicKey).WatchCaseloadAsync(TimeSpan.Zero));

        await tenant.Do("case-leases", Phq9Total(11));

        // The wait is the assertion: it fails after 10 s when the zero lease ended the probe's five minutes.
        await probe.NextAsync(d => d.Changed.Any(r => r.CaseId == "case-leases" && r.LatestPhq9 == 11));
    }

    [Fact]
    public async Task A_batch_that_skips_sequences_makes_the_clinic_rebuild_the_row_from_the_case()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await tenant.Do("case-gap", Open());
        var clinic = fixture.Grains.GetGrain<IClinicGrain>(tenant.Key(TestTenant.Clinic));
        await Eventually(tenant, clinic, s => s.Rows.Any(r => r.CaseId == "case-gap"));

        // An event reaches the store but never the stream, as when publishing finally gave up.
        var state = (await tenant.Read("case-gap"))!;
        var lost = new RecordedEvent(state.Version + 1, DateTimeOffset.UtcNow, Actor.System, new JournalEntryAdded("written, never published"));
        var silo = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary);
        var store = silo.SiloHost.Services.GetRequiredService<ICaseStore>();
        await store.CommitAsync(new CaseCommit(GrainKey.Scoped(tenant.Id, "case-gap"), state.Version, [lost], CaseEvolution.Apply(state, lost, "case-gap")));
        // The grain's next write finds the store ahead, reloads; the retry commits and publishes past the lost event.
        await tenant.AsTherapist(() => tenant.Case("case-gap").ExecuteAsync(Phq9Total(9), null));
        var result = await tenant.Do("case-gap", Phq9Total(9));

        var healed = await Eventually(tenant, clinic, s => s.Rows.Single(r => r.CaseId == "case-gap").CaseVersion == result.Version);
        Assert.Equal(9, healed.Rows.Single(r => r.CaseId == "case-gap").LatestPhq9);
    }

    [Fact]
    public async Task A_burst_of_commands_across_a_clinic_reaches_it_in_fewer_deltas_than_commands_with_every_row_current()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        var cases = Enumerable.Range(1, 40).Select(i => $"case-burst-{i}").ToList();
        foreach (var id in cases) await tenant.Do(id, Open());
        var clinic = fixture.Grains.GetGrain<IClinicGrain>(tenant.Key(TestTenant.Clinic));
        var before = await Eventually(tenant, clinic, s => cases.All(id => s.Rows.Any(r => r.CaseId == id)));

        // The silo gathers what commits together into one message per clinic, so a busy clinic is not one call per command.
        var results = await Task.WhenAll(cases.Select(id => tenant.Do(id, Phq9Total(12))));

        var after = await Eventually(tenant, clinic, s => cases.Select((id, i) => (id, i))
            .All(c => s.Rows.Single(r => r.CaseId == c.id).CaseVersion == results[c.i].Version));
        Assert.All(cases, id => Assert.Equal(12, after.Rows.Single(r => r.CaseId == id).LatestPhq9));
        Assert.InRange(after.Version - before.Version, 1, cases.Count - 1);
    }

    [Fact]
    public async Task Committed_batches_sent_by_anyone_but_the_system_change_nothing()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await tenant.Do("case-forged", Open());
        var clinic = fixture.Grains.GetGrain<IClinicGrain>(tenant.Key(TestTenant.Clinic));
        var before = await Eventually(tenant, clinic, s => s.Rows.Any(r => r.CaseId == "case-forged"));
        var row = before.Rows.Single(r => r.CaseId == "case-forged");
        var forged = new CaseEventsCommitted("case-forged",
            [new RecordedEvent(row.CaseVersion + 1, DateTimeOffset.UtcNow, Actor.System, new JournalEntryAdded("forged"))],
            DateTimeOffset.UtcNow, row with { LatestPhq9 = 27, CaseVersion = row.CaseVersion + 1 });

        await tenant.AsTherapist(async () =>
        {
            await clinic.ReceiveCommittedAsync(new CaseEventBatches([forged]));
            return true;
        });

        var after = await tenant.AsSupervisor<CaseloadSnapshot?>(() => clinic.GetCaseloadAsync());
        Assert.Equal(before.Version, after!.Version);
        var unchanged = after.Rows.Single(r => r.CaseId == "case-forged");
        Assert.Equal((row.CaseVersion, row.LatestPhq9), (unchanged.CaseVersion, unchanged.LatestPhq9));
    }

    private static async Task<CaseloadSnapshot> Eventually(TestTenant tenant, IClinicGrain clinic, Func<CaseloadSnapshot, bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var snapshot = await tenant.AsSupervisor<CaseloadSnapshot?>(() => clinic.GetCaseloadAsync());
            if (snapshot is not null && condition(snapshot)) return snapshot;
            Assert.True(DateTime.UtcNow < until, "the clinic's caseload did not reach the expected state within 10 s");
            await Task.Delay(20);
        }
    }
}
