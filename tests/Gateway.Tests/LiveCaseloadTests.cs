using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Live;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class LiveCaseloadTests(GatewayFactory factory)
{
    private const string Stream = $"/api/clinics/{ApiTenant.Clinic}/caseload/stream";

    [Fact]
    public async Task A_supervisor_gets_the_snapshot_then_a_delta_with_the_next_version_after_a_command()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-sse");
        await WaitForRow(tenant, id);
        await using var sse = await SseStream.OpenAsync(tenant.Ben(), Stream);

        var snapshot = await sse.NextAsync();
        await tenant.Ana().Post($"/api/cases/{id}/questionnaires", Phq9(15, item9: 2)).Ok();
        var delta = await sse.NextAsync();

        Assert.Equal("snapshot", snapshot.Event);
        Assert.Contains(snapshot.Data.GetProperty("rows").EnumerateArray(), r => r.GetProperty("caseId").GetString() == id);
        Assert.Equal("delta", delta.Event);
        Assert.Equal(snapshot.Id + 1, delta.Id);
        var row = delta.Data.GetProperty("changed")[0];
        Assert.Equal(15, row.GetProperty("latestPhq9").GetInt32());
        Assert.Contains("suicideRisk", row.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_delivers_every_missed_version_once_and_in_order()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-resume");
        await WaitForRow(tenant, id);
        long seen;
        await using (var first = await SseStream.OpenAsync(tenant.Ben(), Stream))
        {
            seen = (await first.NextAsync()).Id;
        }

        await tenant.Ana().Post($"/api/cases/{id}/questionnaires", Phq9(12)).Ok();
        await tenant.Ana().Post($"/api/cases/{id}/phase", new { to = "initial" }).Ok();
        await tenant.Ana().Post($"/api/cases/{id}/sessions", Session(1)).Ok();
        var latest = await WaitForRow(tenant, id, row => row.GetProperty("sessionsAttended").GetInt32() == 1);

        await using var again = await SseStream.OpenAsync(tenant.Ben(), Stream, lastEventId: seen);
        var events = await again.UntilAsync(e => e.Id >= latest);

        Assert.All(events, e => Assert.Equal("delta", e.Event));
        Assert.Equal(Enumerable.Range(1, (int)(latest - seen)).Select(n => seen + n), events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_Last_Event_ID_the_gateway_no_longer_holds_gets_a_fresh_snapshot()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        await WaitForRow(tenant, await tenant.OpenCaseAsync("case-too-old"));

        await using var sse = await SseStream.OpenAsync(tenant.Ben(), Stream, lastEventId: 3);

        Assert.Equal("snapshot", (await sse.NextAsync()).Event);
    }

    [Fact]
    public async Task A_supervisor_cannot_open_the_stream_of_another_tenants_clinic_or_of_a_clinic_they_do_not_supervise()
    {
        var a = await ApiTenant.CreateAsync(factory);
        var b = await ApiTenant.CreateAsync(factory);
        await b.Admin().Post("/api/clinics", new { clinicId = "south", name = "South clinic" }).Ok();
        await a.Admin().Post("/api/clinics", new { clinicId = "east", name = "East clinic" }).Ok();

        var missing = await a.Ben().GetAsync("/api/clinics/no-such-clinic/caseload/stream");
        var otherTenant = await a.Ben().GetAsync("/api/clinics/south/caseload/stream");
        var notSupervised = await a.Ben().GetAsync("/api/clinics/east/caseload/stream");

        var expected = Shape(await missing.Problem(HttpStatusCode.NotFound, "resource.not-found"));
        Assert.Equal(expected, Shape(await otherTenant.Problem(HttpStatusCode.NotFound, "resource.not-found")));
        Assert.Equal(expected, Shape(await notSupervised.Problem(HttpStatusCode.NotFound, "resource.not-found")));
        await (await a.Ben().GetAsync("/api/clinics/east/caseload")).Problem(HttpStatusCode.NotFound, "resource.not-found");
        await (await a.Ana().GetAsync(Stream)).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task A_slow_browser_is_disconnected_while_the_others_keep_every_version()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var ids = new[] { "case-slow-1", "case-slow-2", "case-slow-3", "case-slow-4" };
        foreach (var id in ids) await tenant.OpenCaseAsync(id);
        await WaitForRow(tenant, ids[^1]);
        var hub = factory.Services.GetRequiredService<CaseloadHub>();
        var clinic = GrainKey.Scoped(tenant.Id, ApiTenant.Clinic);
        var slow = await hub.ConnectAsync(clinic, null);
        var fast = await hub.ConnectAsync(clinic, null);
        var received = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var frame in fast.Frames.ReadAllAsync()) received.Add(frame.Version);
        });

        // The silo gathers commits into fewer deltas than commands (the faster the commits, the
        // fewer), so write until the slow one has fallen a whole channel behind, bounded in time.
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var written = 0;
        var writing = Stopwatch.StartNew();
        for (var round = 0; writing.Elapsed < TimeSpan.FromSeconds(60) && !slow.TooSlow; round++)
        {
            await Task.WhenAll(ids.Select(id => CallerContext.RunAs(tenant.Id, "client-" + id, Roles.Client, async () =>
            {
                var grain = grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(tenant.Id, id).ToString());
                for (var n = 0; n < CaseloadConnection.Capacity / 4; n++) Assert.True((await grain.ExecuteAsync(new AddJournalEntry($"entry {round}.{n}"), null)).Accepted);
                return true;
            })));
            written += CaseloadConnection.Capacity / 4;
            await Task.Delay(100);
        }
        var final = await WaitForRow(tenant, ids[0], row => row.GetProperty("caseVersion").GetInt64() > written);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (received.LastOrDefault() < final && DateTime.UtcNow < until) await Task.Delay(50);
        await hub.DisconnectAsync(clinic, fast);
        await reading;

        Assert.True(slow.TooSlow);
        Assert.True(slow.Frames.Completion.IsCompleted || slow.Frames.Count <= CaseloadConnection.Capacity);
        Assert.False(fast.TooSlow);
        Assert.Equal(Enumerable.Range(0, received.Count).Select(n => received[0] + n), received);
    }

    /// <summary>Waits until the clinic's projection has the case (and the condition), returning the projection's version.</summary>
    private static async Task<long> WaitForRow(ApiTenant tenant, string caseId, Func<JsonElement, bool>? condition = null)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var snapshot = await tenant.Ben().GetAsync($"/api/clinics/{ApiTenant.Clinic}/caseload").Ok();
            var row = snapshot.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("caseId").GetString() == caseId);
            if (row.ValueKind == JsonValueKind.Object && (condition is null || condition(row))) return snapshot.GetProperty("version").GetInt64();
            Assert.True(DateTime.UtcNow < until, $"the caseload did not show {caseId} as expected within 10 s");
            await Task.Delay(25);
        }
    }

    private static string Shape(JsonElement problem) => JsonSerializer.Serialize(problem.EnumerateObject()
        .Where(p => p.Name is not ("traceId" or "correlationId" or "instance"))
        .ToDictionary(p => p.Name, p => p.Value.ToString()));
}
