using System.Net;
using System.Text.Json;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class AuditTests(GatewayFactory factory)
{
    [Fact]
    public void Every_api_endpoint_is_audited()
    {
        var unaudited = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<AuditActionMetadata>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.Empty(unaudited);
    }

    [Fact]
    public async Task Reads_writes_refusals_and_denials_of_case_data_reach_the_tenants_auditor()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var intruder = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-audited");
        await tenant.Ana().GetAsync($"/api/cases/{caseId}").Ok();
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await tenant.Ana().Post($"/api/cases/{caseId}/questionnaires", new { instrument = "phq-9", answers = new[] { 1, 1, 1 } })).StatusCode);
        await tenant.Cy().GetAsync($"/api/cases/{caseId}");
        await intruder.Ana().GetAsync($"/api/cases/{caseId}");

        var records = await AuditLog(tenant, $"?case={caseId}");

        Assert.Contains(records, r => Is(r, "OpenCase", "success", ApiTenant.Therapist));
        Assert.Contains(records, r => Is(r, "GetCase", "success", ApiTenant.Therapist));
        Assert.Contains(records, r => Is(r, "SubmitQuestionnaire", "refused", ApiTenant.Therapist));
        Assert.Contains(records, r => Is(r, "GetCase", "notFound", ApiTenant.OtherTherapist));
        Assert.All(records, r => Assert.Equal(tenant.Id, r.GetProperty("tenant").GetString()));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("correlationId").GetString())));

        var intrudersView = await AuditLog(intruder, $"?case={caseId}");
        Assert.Contains(intrudersView, r => Is(r, "GetCase", "notFound", ApiTenant.Therapist));
        Assert.DoesNotContain(intrudersView, r => Is(r, "OpenCase", "success", ApiTenant.Therapist));
    }

    [Fact]
    public async Task Only_the_auditor_reads_the_audit_log()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var response = await tenant.Admin().GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?outcome=maybe", "outcome")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?from=2026-12-02&to=2026-12-01", "from")]
    public async Task A_filter_the_log_cannot_take_is_the_problem_every_endpoint_answers(string query, string field)
    {
        var tenant = await ApiTenant.CreateAsync(factory);

        await tenant.As(Roles.Auditor, "aud-1").GetAsync("/api/audit" + query).Problem(HttpStatusCode.BadRequest, "request.invalid-value", field);
    }

    private static bool Is(JsonElement record, string action, string outcome, string user) =>
        record.GetProperty("action").GetString() == action
        && string.Equals(record.GetProperty("outcome").GetString(), outcome, StringComparison.OrdinalIgnoreCase)
        && record.GetProperty("user").GetString() == user;

    private static async Task<List<JsonElement>> AuditLog(ApiTenant tenant, string query)
    {
        var body = await tenant.As(Roles.Auditor, "aud-1").GetAsync("/api/audit" + query).Ok();
        return [.. body.GetProperty("records").EnumerateArray()];
    }
}
