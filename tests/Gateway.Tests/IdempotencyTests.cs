using System.Net;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class IdempotencyTests(GatewayFactory factory)
{
    [Fact]
    public async Task The_same_idempotency_key_twice_has_one_effect_and_gets_the_same_answer()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-idem");
        var ana = tenant.Ana();

        var first = await Send(ana, $"/api/cases/{id}/questionnaires", Phq9(14), "phq-baseline-1");
        var second = await Send(ana, $"/api/cases/{id}/questionnaires", Phq9(14), "phq-baseline-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var state = await ana.GetAsync($"/api/cases/{id}").Ok();
        Assert.Equal(1, state.GetProperty("measures").GetArrayLength());
    }

    [Fact]
    public async Task Opening_a_case_twice_with_one_key_answers_created_both_times_and_opens_it_once()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var body = new { caseId = "case-open-idem", clinicId = ApiTenant.Clinic, therapistId = ApiTenant.Therapist, clientAlias = "K", variant = "brief" };

        var first = await Send(tenant.Ana(), "/api/cases", body, "open-1");
        var second = await Send(tenant.Ana(), "/api/cases", body, "open-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var caseload = await tenant.Ana().GetAsync("/api/cases").Ok();
        Assert.Equal(1, caseload.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_key_reused_for_a_different_request_is_a_conflict_and_changes_nothing()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-idem-reuse");
        await Send(tenant.Ana(), $"/api/cases/{id}/questionnaires", Phq9(14), "k-1");

        await (await Send(tenant.Ana(), $"/api/cases/{id}/questionnaires", Phq9(9), "k-1"))
            .Problem(HttpStatusCode.Conflict, "idempotency.key-reused", "idempotencyKey");
        var state = await tenant.Ana().GetAsync($"/api/cases/{id}").Ok();
        Assert.Equal(1, state.GetProperty("measures").GetArrayLength());
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string url, object body, string key) => client.Post(url, body, key);
}
