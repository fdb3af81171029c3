using System.Text.Json;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>A gateway checking its feeds every second, so a clinic's watch lease (three checks) lasts 3 s.</summary>
public sealed class FastCheckGatewayFactory() : GatewayFactory(new Dictionary<string, string?> { ["Live:CheckPeriod"] = "00:00:01" }, null);

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
        await Task.Delay(TimeSpan.FromSeconds(7));
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
}
