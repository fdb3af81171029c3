using System.Security.Claims;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Grains.Tests.Storage;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.StoreContracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Grains.Tests.Audit;

public sealed class AuditApiTests
{
    [Fact]
    public async Task The_audit_api_is_one_audited_GET_behind_the_auditor_policy()
    {
        await using var store = new TempStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRouting().AddAuthorization().AddAuditTrail().AddSingleton<IAuditStore>(store.Audit);
        await using var app = builder.Build();

        app.MapAuditApi();

        // Reading the endpoints builds their request delegates: a parameter minimal APIs cannot bind fails here.
        var endpoint = Assert.IsType<RouteEndpoint>(Assert.Single(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)));
        Assert.Equal("/api/audit", endpoint.RoutePattern.RawText?.TrimEnd('/')); // routing ignores a trailing slash
        Assert.Equal(["GET"], endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods);
        Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == AuditApi.AuditorPolicy);
        Assert.Equal(AuditActions.ReadAuditLog, endpoint.Metadata.GetRequiredMetadata<AuditActionMetadata>().Action);
        Assert.Equal("GetAuditLog", endpoint.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName);
    }

    [Fact]
    public async Task An_auditor_reads_only_their_own_tenants_log_newest_first_in_pages()
    {
        await using var store = new TempStore();
        for (var i = 0; i < 3; i++) await store.Audit.AppendAsync(StoreSamples.Record("north", $"n{i}", caseId: "case-1"));
        await store.Audit.AppendAsync(StoreSamples.Record("south", "s0", caseId: "case-1"));
        var auditor = AuditHttp.Caller("north", "aud-1", "auditor");

        var first = Assert.IsType<Ok<AuditLogPage>>((await AuditApi.GetAuditLogAsync(auditor, store.Audit, caseId: "case-1", limit: "2")).Result).Value!;
        var second = Assert.IsType<Ok<AuditLogPage>>((await AuditApi.GetAuditLogAsync(auditor, store.Audit, caseId: "case-1", limit: "2", cursor: first.NextCursor)).Result).Value!;

        Assert.Equal(["n2", "n1", "n0"], first.Records.Concat(second.Records).Select(r => r.CorrelationId));
        Assert.All(first.Records.Concat(second.Records), r => Assert.Equal(("north", "Success"), (r.Tenant, r.Outcome)));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Filters_by_outcome_name_and_time_range_reach_the_store()
    {
        await using var store = new TempStore();
        var noon = AuditHttp.Now;
        await store.Audit.AppendAsync(StoreSamples.Record("north", "early", outcome: AuditOutcome.Denied, at: noon.AddHours(-2)));
        await store.Audit.AppendAsync(StoreSamples.Record("north", "in-range", outcome: AuditOutcome.Denied, at: noon));
        await store.Audit.AppendAsync(StoreSamples.Record("north", "allowed", at: noon));

        var page = Assert.IsType<Ok<AuditLogPage>>((await AuditApi.GetAuditLogAsync(
            AuditHttp.Caller("north", "aud-1", "auditor"), store.Audit, outcome: "denied", from: "2026-11-28T11:00:00Z", to: "2026-11-28T13:00:00+00:00")).Result).Value!;

        Assert.Equal(["in-range"], page.Records.Select(r => r.CorrelationId));
    }

    [Theory]
    [InlineData("outcome", "2")]
    [InlineData("outcome", "Maybe")]
    [InlineData("from", "yesterday")]
    [InlineData("limit", "-3")]
    [InlineData("limit", "0")]
    [InlineData("cursor", "not-a-cursor")]
    public async Task A_malformed_filter_is_an_invalid_value_problem_naming_the_field(string field, string value)
    {
        await using var store = new TempStore();
        var auditor = AuditHttp.Caller("north", "aud-1", "auditor");

        var answer = await AuditApi.GetAuditLogAsync(
            auditor, store.Audit,
            outcome: field == "outcome" ? value : null,
            from: field == "from" ? value : null,
            limit: field == "limit" ? value : null,
            cursor: field == "cursor" ? value : null);

        // The same problem every other endpoint answers for a bad parameter: its stable type, the field named.
        var problem = Assert.IsType<ProblemHttpResult>(answer.Result).ProblemDetails;
        Assert.Equal(400, problem.Status);
        Assert.Equal("https://ipt-cluster.dev/problems/request.invalid-value", problem.Type);
        Assert.Equal(field, problem.Extensions["field"]);
    }

    [Fact]
    public async Task A_caller_without_a_tenant_claim_is_forbidden()
    {
        await using var store = new TempStore();
        var tenantless = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")], "Bearer"));

        Assert.IsType<ForbidHttpResult>((await AuditApi.GetAuditLogAsync(tenantless, store.Audit)).Result);
    }
}
