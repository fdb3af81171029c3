using System.Net.Http.Json;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Security;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// Logs join to the audit trail by the correlation id and never carry what a client or therapist
/// wrote: the gateway's and the in-process silo's log output, down to Debug, captured through a
/// course of treatment with distinctive words in every free-text field.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class LogHygieneTests(ObservedGatewayFactory factory)
{
    private const string Alias = "Zephyrine Quillfeather";
    private const string GoalTitle = "Make peace with Ottoline Brackenbury";
    private const string JournalText = "Walked the Marrowgate towpath and the old dread came back";
    private const string SessionNote = "Talked about Ottoline and the Brackenbury wedding";
    private const string Formulation = "Low mood since the quarrel with Ottoline over the Marrowgate house";
    private static readonly string[] Phi = [Alias, "Quillfeather", "Zephyrine", "Ottoline", "Brackenbury", "Marrowgate", JournalText, SessionNote];

    [Fact]
    public async Task Every_log_line_of_a_request_carries_its_correlation_id_and_no_line_carries_the_clients_words()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var ana = tenant.Ana();
        var caseId = "case-logged";
        var c = $"/api/cases/{caseId}";
        await Send(sent, ana, HttpMethod.Post, "/api/cases",
            new { caseId, clinicId = ApiTenant.Clinic, therapistId = ApiTenant.Therapist, clientAlias = Alias, variant = "standard" });
        await Send(sent, ana, HttpMethod.Post, $"{c}/goals", new { title = GoalTitle, context = "family" });
        await Send(sent, ana, HttpMethod.Post, $"{c}/questionnaires", Phq9(17, item9: 2));
        await Send(sent, tenant.ClientOf(caseId), HttpMethod.Post, $"{c}/journal", new { text = JournalText });
        await Send(sent, ana, HttpMethod.Post, $"{c}/phase", new { to = "initial" });
        await Send(sent, ana, HttpMethod.Post, $"{c}/sessions", new { number = 1, date = Start, attendance = "attended", note = SessionNote });
        await Send(sent, ana, HttpMethod.Put, $"{c}/formulation", new { text = Formulation });
        // Refusals and unreadable bodies must not echo what was sent either.
        await Send(sent, ana, HttpMethod.Post, $"{c}/journal", new { text = JournalText, extra = new string('x', 10) }, expectSuccess: false);
        await Send(sent, ana, HttpMethod.Post, $"{c}/goals", $"{{\"title\": \"{GoalTitle}\", \"context\": ", expectSuccess: false);
        await Send(sent, tenant.Ben(), HttpMethod.Get, c);
        await Send(sent, tenant.Ben(), HttpMethod.Get, $"{c}/history");
        await Send(sent, tenant.Ben(), HttpMethod.Get, $"/api/clinics/{ApiTenant.Clinic}/caseload");
        await Task.Delay(500); // the clinic's projection and any late line of the pipeline

        var logs = factory.Logs.Entries;
        Assert.NotEmpty(logs);
        foreach (var entry in logs)
            foreach (var phi in Phi)
                Assert.False(entry.Text.Contains(phi, StringComparison.OrdinalIgnoreCase), $"[{entry.Category}] logs '{phi}':\n{entry.Text}");

        // Lines written while a request runs. The server's own "request starting/finished" lines
        // come before and after the application's pipeline; they carry the request id and path only.
        var requestLines = logs.Where(e => e.Scopes.ContainsKey("RequestId") && e.Category != "Microsoft.AspNetCore.Hosting.Diagnostics").ToList();
        var ours = requestLines.Where(e => e.Scopes.GetValueOrDefault("RequestPath")?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(ours);
        Assert.All(requestLines, e => Assert.True(e.Scopes.ContainsKey("CorrelationId"), $"[{e.Category}] has no correlation id:\n{e.Text}"));
        Assert.Contains(ours, e => sent.Contains(e.Scopes["CorrelationId"]!));
        // Lines the silo writes inside a grain call of a request carry its id too.
        var siloLines = logs.Where(e => !e.Scopes.ContainsKey("RequestId") && e.Scopes.TryGetValue("CorrelationId", out var id) && sent.Contains(id!)).ToList();
        Assert.NotEmpty(siloLines);
    }

    [Fact]
    public async Task A_requests_log_lines_and_its_audit_record_share_one_correlation_id_when_the_caller_sent_none()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        await tenant.OpenCaseAsync("case-joined");

        var response = await tenant.Ben().GetAsync("/api/cases/case-joined");

        await Task.FromResult(response).Ok();
        var correlationId = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Contains(factory.Logs.Entries, e => e.Scopes.GetValueOrDefault("CorrelationId") == correlationId);
        var audit = await tenant.As(Roles.Auditor, "aud-1").GetAsync("/api/audit?case=case-joined&action=GetCase").Ok();
        Assert.Equal(correlationId, Assert.Single(audit.GetProperty("records").EnumerateArray()).GetProperty("correlationId").GetString());
    }

    private static async Task Send(HashSet<string> sent, HttpClient client, HttpMethod method, string url, object? body = null, bool expectSuccess = true)
    {
        var correlationId = "log-" + Guid.NewGuid().ToString("N")[..12];
        sent.Add(correlationId);
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Correlation-Id", correlationId);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body, options: Json.Options);
        var response = await client.SendAsync(request);
        if (expectSuccess) await Task.FromResult(response).Ok();
        else Assert.False(response.IsSuccessStatusCode, $"{method} {url} succeeded");
    }
}
