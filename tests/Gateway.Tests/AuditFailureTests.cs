using System.Net;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// When the audit record cannot be written the request fails, through the whole HTTP pipeline: a
/// read answers 503 with a problem and none of the case; a command that already committed answers
/// 503 too, and its retry with the same Idempotency-Key, once the log takes records again, is
/// answered from the first attempt (one effect).
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class AuditFailureTests(ObservedGatewayFactory factory)
{
    [Fact]
    public async Task A_read_whose_audit_record_cannot_be_written_answers_503_and_shows_none_of_the_case()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-audit-down");

        HttpResponseMessage read;
        using (factory.Audit.Fail()) read = await tenant.Ana().GetAsync($"/api/cases/{caseId}");

        var text = await read.Content.ReadAsStringAsync();
        await read.Problem(HttpStatusCode.ServiceUnavailable, "audit.unavailable");
        Assert.DoesNotContain("\"phase\"", text, StringComparison.Ordinal);
        await tenant.Ana().GetAsync($"/api/cases/{caseId}").Ok();
    }

    [Fact]
    public async Task A_committed_command_whose_audit_record_cannot_be_written_answers_503_and_its_retry_has_one_effect()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-audit-down-write");

        HttpResponseMessage first;
        using (factory.Audit.Fail()) first = await Submit(tenant.Ana(), caseId, "phq-when-audit-down");
        await first.Problem(HttpStatusCode.ServiceUnavailable, "audit.unavailable");

        var retry = await Submit(tenant.Ana(), caseId, "phq-when-audit-down");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var state = await tenant.Ana().GetAsync($"/api/cases/{caseId}").Ok();
        Assert.Equal(1, state.GetProperty("measures").GetArrayLength());
    }

    private static Task<HttpResponseMessage> Submit(HttpClient client, string caseId, string key) =>
        client.Post($"/api/cases/{caseId}/questionnaires", Phq9(14), key);
}
