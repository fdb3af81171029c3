using System.Text.Json;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CourseOfTreatmentTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_case_is_carried_from_intake_through_twelve_sessions_to_closure_over_http()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var ana = tenant.Ana();
        var id = await tenant.OpenCaseAsync("case-course");
        var c = $"/api/cases/{id}";
        await ThroughInitialPhase(ana, id);
        await ana.Post($"{c}/phase", new { to = "middle" }).Ok();

        var proposed = await ana.Post($"{c}/goals", new { templateId = "dispute-communication", context = "romantic" }).Ok();
        var goalId = proposed.GetProperty("events")[0].GetProperty("data").GetProperty("goal").GetProperty("goalId").GetString();
        await ana.Post($"{c}/goals/{goalId}/agreement", new { therapistAgrees = true, clientAgrees = true }).Ok();
        await ana.Post($"{c}/goals/{goalId}/milestones",
            new { title = "PHQ-9 below 10", target = new { kind = "instrumentThreshold", value = 9, instrument = "phq-9" }, dueSession = 8 }).Ok();

        int[] phq9 = [16, 15, 13, 12, 10, 9, 8, 7, 6, 5, 4];
        for (var n = 2; n <= 12; n++)
        {
            await ana.Post($"{c}/sessions", Session(n)).Ok();
            if (n % 2 == 0)
            {
                var scored = await ana.Post($"{c}/questionnaires", Phq9(phq9[n - 2])).Ok();
                Assert.Equal(phq9[n - 2], scored.GetProperty("score").GetProperty("total").GetInt32());
            }
            if (n == 4) await ana.Post($"{c}/goals/{goalId}/rating", new { level = 0, note = "talks without shouting" }).Ok();
            if (n == 10) await ana.Post($"{c}/phase", new { to = "termination" }).Ok();
        }
        await tenant.ClientOf(id).Post($"{c}/journal", new { text = "We talked about chores without a fight." }).Ok();
        await ana.Post($"{c}/goals/{goalId}/achievement", new { note = "they renegotiated chores" }).Ok();
        await ana.Post($"{c}/termination", new
        {
            progressSummary = "PHQ-9 from 16 to 4; dispute renegotiated.",
            warningSigns = new[] { "sleeping badly", "avoiding partner" },
            relapsePlan = "call the clinic; use role-play skills",
            nextStep = "end",
        }).Ok();
        await ana.Post($"{c}/phase", new { to = "closed" }).Ok();

        var state = await ana.GetAsync(c).Ok();
        Assert.Equal("closed", state.GetProperty("phase").GetString());
        Assert.Equal(12, state.GetProperty("sessions").GetArrayLength());
        Assert.Equal("achieved", state.GetProperty("goals")[0].GetProperty("status").GetString());
        Assert.Equal("achieved", state.GetProperty("milestones")[0].GetProperty("status").GetString());
        Assert.Equal(1, state.GetProperty("journalCount").GetInt32());

        var goals = await tenant.ClientOf(id).GetAsync($"{c}/goals").Ok();
        Assert.Equal("achieved", goals.GetProperty("goals")[0].GetProperty("status").GetString());

        var history = await ReadAllHistory(ana, id);
        Assert.Equal(Enumerable.Range(1, state.GetProperty("version").GetInt32()).Select(v => (long)v), history.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "milestoneAchieved");
        Assert.Contains(history, e => e.GetProperty("type").GetString() == "journalEntryAdded" && e.GetProperty("role").GetString() == "client");
    }

    [Fact]
    public async Task A_caseload_lists_the_therapists_cases_in_pages()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        foreach (var n in Enumerable.Range(1, 5)) await tenant.OpenCaseAsync($"case-{n}");
        await tenant.OpenCaseAsync("case-cy", ApiTenant.OtherTherapist);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await tenant.Ana().GetAsync($"/api/cases?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}").Ok();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["case-1", "case-2", "case-3", "case-4", "case-5"], seen);
        var all = await tenant.Admin().GetAsync("/api/cases").Ok();
        Assert.Equal(6, all.GetProperty("items").GetArrayLength());
    }

    internal static async Task<List<JsonElement>> ReadAllHistory(HttpClient client, string caseId)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetAsync($"/api/cases/{caseId}/history?limit=7{(cursor is null ? "" : "&cursor=" + cursor)}").Ok();
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}
