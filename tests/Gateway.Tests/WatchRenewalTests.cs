using System.Text.Json;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.DependencyInjection;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>A gateway checking its feeds every 2 s, so a clinic's watch lease (three checks) lasts 6 s.</summary>
public sealed class FastCheckGatewayFactory() : GatewayFactory(new Dictionary<string, string?> { ["Live:CheckPeriod"] = "00:00:02" }, null);

[CollectionDefinition(Name)]
public sealed class FastCheckGatewayCollection : ICollectionFixture<FastCheckGatewayFactory>
{
    public const string Name = "fast-check gateway";
}

[Collection(FastCheckGatewayCollection.Name)]
public sealed class WatchRenewalTests(FastCheckGatewayFactory factory)
{
    [Fact]
    public async Task A_dashboard_open_for_several_leases_still_gets_each_change_as_the_next_delta()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-renewed");
        await using var sse = await SseStream.OpenAsync(tenant.Ben(), $"/api/clinics/{ApiTenant.Clinic}/caseload/stream");
        var snapshot = await sse.NextAsync();

        // Past two leases: only the checks' renewals keep the clinic publishing. Had the watch
        // lapsed, the change would reach this screen as a re-read snapshot, not as the next delta.
        await Task.Delay(TimeSpan.FromSeconds(8));
        await tenant.Ana().Post($"/api/cases/{id}/questionnaires", Phq9(12)).Ok();

        Assert.Equal("snapshot", snapshot.Event);
        for (var expected = snapshot.Id + 1; ; expected++)
        {
            var next = await sse.NextAsync();
            Assert.Equal("delta", next.Event);
            Assert.Equal(expected, next.Id);
            if (next.Data.GetProperty("changed").EnumerateArray().Any(r => r.GetProperty("latestPhq9") is { ValueKind: JsonValueKind.Number } score && score.GetInt32() == 12))
                break;
        }
    }

    [Fact]
    public async Task A_change_the_clinic_never_published_reaches_the_dashboard_as_a_fresh_snapshot()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-unpublished");
        await using var sse = await SseStream.OpenAsync(tenant.Ben(), $"/api/clinics/{ApiTenant.Clinic}/caseload/stream");
        Assert.Equal("snapshot", (await sse.NextAsync()).Event);
        await DeactivateClinicAsync(tenant.Id);

        // The clinic, activated again by this change (this host gives it no grace), publishes
        // nothing until the next check renews its watch: the change never becomes a delta, and
        // only the checks can notice that the clinic moved on. (Had a renewal come first, the
        // delta's version would jump, since a new activation numbers from the clock, and that gap
        // would bring a snapshot too.)
        await tenant.Ana().Post($"/api/cases/{id}/questionnaires", Phq9(12)).Ok();

        // A delta of the case's opening may come first: the clinic can apply it after the first
        // snapshot was read. None of them may carry the score.
        SseEvent next;
        do next = await sse.NextAsync(seconds: 15);
        while (next.Event == "delta" && !Rows(next, "changed").Any(r => Scores(r, id, 12)));
        Assert.Equal("snapshot", next.Event);
        Assert.Contains(Rows(next, "rows"), r => Scores(r, id, 12));
    }

    // A clinic busy with a call (a check's renewal, a case event) is not collected: try until it was.
    private async Task DeactivateClinicAsync(string tenant)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var clinic = grains.GetGrain<IClinicGrain>(GrainKey.Scoped(tenant, ApiTenant.Clinic).ToString()).GetGrainId();
        var management = grains.GetGrain<IManagementGrain>(0);
        for (var attempt = 1; ; attempt++)
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            if (!(await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == clinic)) return;
            Assert.True(attempt < 50, "the clinic stayed active through 50 collections");
            await Task.Delay(50);
        }
    }

    private static IEnumerable<JsonElement> Rows(SseEvent frame, string property) => frame.Data.GetProperty(property).EnumerateArray();

    private static bool Scores(JsonElement row, string caseId, int phq9) =>
        row.GetProperty("caseId").GetString() == caseId
        && row.GetProperty("latestPhq9") is { ValueKind: JsonValueKind.Number } score && score.GetInt32() == phq9;
}
