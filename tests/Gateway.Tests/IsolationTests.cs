using System.Net;
using System.Text.Json;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.DependencyInjection;
using Ipt.Cluster.Security;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>A resource the caller may not see answers exactly like one that does not exist.</summary>
[Collection(GatewayCollection.Name)]
public sealed class IsolationTests(GatewayFactory factory)
{
    [Fact]
    public async Task Another_tenants_case_answers_exactly_like_a_missing_case()
    {
        var a = await ApiTenant.CreateAsync(factory);
        var b = await ApiTenant.CreateAsync(factory);
        var id = await a.OpenCaseAsync("case-of-a");

        var foreign = await b.Admin().GetAsync($"/api/cases/{id}");
        var missing = await b.Admin().GetAsync("/api/cases/no-such-case");

        await AssertSameNotFound(foreign, missing);
        await (await b.Admin().Post($"/api/cases/{id}/phase", new { to = "initial" })).Problem(HttpStatusCode.NotFound, "resource.not-found");
        await (await b.As(Roles.Client, "c-x", id).GetAsync($"/api/cases/{id}/goals")).Problem(HttpStatusCode.NotFound, "resource.not-found");
        var state = await a.Ana().GetAsync($"/api/cases/{id}").Ok();
        Assert.Equal("intake", state.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task A_therapist_reading_another_therapists_case_gets_not_found()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-of-ana");

        await AssertSameNotFound(await tenant.Cy().GetAsync($"/api/cases/{id}"), await tenant.Cy().GetAsync("/api/cases/no-such-case"));
        await (await tenant.Cy().Post($"/api/cases/{id}/questionnaires", Phq9(3))).Problem(HttpStatusCode.NotFound, "resource.not-found");
        await tenant.Ben().GetAsync($"/api/cases/{id}").Ok();
        var cyCaseload = await tenant.Cy().GetAsync("/api/cases").Ok();
        Assert.Equal(0, cyCaseload.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_client_reads_its_own_goals_and_nothing_of_another_case()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var own = await tenant.OpenCaseAsync("case-client-own");
        var other = await tenant.OpenCaseAsync("case-client-other");
        await tenant.Ana().Post($"/api/cases/{own}/goals", new { title = "Call my sister weekly", context = "family" }).Ok();
        var client = tenant.ClientOf(own);

        var goals = await client.GetAsync($"/api/cases/{own}/goals").Ok();
        Assert.Equal("Call my sister weekly", goals.GetProperty("goals")[0].GetProperty("title").GetString());
        await client.Post($"/api/cases/{own}/questionnaires", Phq9(10)).Ok();
        await AssertSameNotFound(await client.GetAsync($"/api/cases/{other}/goals"), await client.GetAsync("/api/cases/no-such-case/goals"));
        await (await client.GetAsync($"/api/cases/{own}")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await client.Post($"/api/cases/{own}/phase", new { to = "initial" })).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task Every_role_of_another_tenant_reading_any_resource_of_this_tenant_gets_no_data()
    {
        var a = await ApiTenant.CreateAsync(factory);
        var b = await ApiTenant.CreateEmptyAsync(factory);
        var id = await a.OpenCaseAsync("case-matrix");
        var ids = new Dictionary<string, string>
        {
            ["caseId"] = id, ["clinicId"] = ApiTenant.Clinic, ["therapistId"] = ApiTenant.Therapist, ["tenantId"] = a.Id,
            ["goalId"] = "g1", ["milestoneId"] = "m1", ["code"] = "grief",
        };
        foreach (var endpoint in EndpointTable.Read(factory).Where(e => e.Method == "GET" && !e.AllowsAnonymous))
        {
            foreach (var role in Roles.All)
            {
                var caller = role == Roles.PlatformAdmin ? ApiTenant.PlatformAdmin(factory) : b.As(role, "u-" + role, id);
                var response = await caller.GetAsync(endpoint.Fill(ids));
                var text = await response.Content.ReadAsStringAsync();
                if (endpoint.Route == "/api/audit/" && response.IsSuccessStatusCode)
                {
                    // The auditor reads its own tenant's log, which may well mention ids it tried.
                    var tenants = JsonDocument.Parse(text).RootElement.GetProperty("records").EnumerateArray()
                        .Select(r => r.GetProperty("tenant").GetString());
                    Assert.All(tenants, t => Assert.Equal(b.Id, t));
                    continue;
                }
                // The platform admin's cluster dashboard shows silos and grain types, never a tenant's data.
                var reachesOwnTenantOnly = endpoint.Route is "/api/cases/" or "/api/tenant/" or "/api/caseload/"
                    || (endpoint.Route == "/api/tenants/{tenantId}" && role == Roles.PlatformAdmin)
                    || (endpoint.Route.StartsWith(OrleansDashboardHosting.Prefix + "/", StringComparison.Ordinal) && role == Roles.PlatformAdmin);
                if (reachesOwnTenantOnly && response.IsSuccessStatusCode)
                {
                    Assert.DoesNotContain(id, text, StringComparison.Ordinal);
                    continue;
                }
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                    $"{role} of another tenant on GET {endpoint.Route}: {(int)response.StatusCode} {text}");
            }
        }
    }

    [Fact]
    public async Task The_silo_denies_a_grain_call_whose_request_context_names_another_tenant()
    {
        var a = await ApiTenant.CreateAsync(factory);
        var id = await a.OpenCaseAsync("case-forged-context");
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(a.Id, id).ToString());

        await Assert.ThrowsAsync<TenantIsolationException>(() =>
            CallerContext.RunAs("another-tenant", ApiTenant.Therapist, Roles.TenantAdmin, () => grain.GetAsync()));
        Assert.NotNull(await CallerContext.RunAs(a.Id, ApiTenant.Therapist, Roles.Therapist, () => grain.GetAsync()));
    }

    private static async Task AssertSameNotFound(HttpResponseMessage hidden, HttpResponseMessage missing)
    {
        var a = await hidden.Problem(HttpStatusCode.NotFound, "resource.not-found");
        var b = await missing.Problem(HttpStatusCode.NotFound, "resource.not-found");
        Assert.Equal(Shape(b), Shape(a));
    }

    /// <summary>The body without what differs per request by design (trace and correlation ids).</summary>
    private static string Shape(JsonElement problem) => JsonSerializer.Serialize(problem.EnumerateObject()
        .Where(p => p.Name is not ("traceId" or "correlationId"))
        .ToDictionary(p => p.Name, p => p.Value.ToString()));
}
