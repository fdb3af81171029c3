using System.Net;
using Ipt.Cluster.Gateway.Tests.Infrastructure;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HealthAndDescriptionTests(GatewayFactory factory)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_a_token_when_the_cluster_is_up()
    {
        var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_case_endpoints_without_a_token()
    {
        var document = await factory.CreateClient().GetAsync("/openapi/v1.json").Ok();

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/cases/{caseId}/questionnaires", out _));
        Assert.True(paths.TryGetProperty("/api/cases/{caseId}/goals/{goalId}/revision", out _));
    }

    [Fact]
    public async Task A_sane_correlation_id_is_echoed_and_named_in_problems()
    {
        var tenant = await ApiTenant.CreateEmptyAsync(factory);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases/no-such-case");
        request.Headers.Add("X-Correlation-Id", "req-42");

        var response = await tenant.Admin().SendAsync(request);

        Assert.Equal("req-42", response.Headers.GetValues("X-Correlation-Id").Single());
        var problem = await response.Problem(HttpStatusCode.NotFound, "resource.not-found");
        Assert.Equal("req-42", problem.GetProperty("correlationId").GetString());
    }
}
