using System.Net;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class EndpointTableTests(GatewayFactory factory)
{
    [Fact]
    public void Every_endpoint_names_an_authorization_policy_except_health_and_the_api_description()
    {
        var endpoints = EndpointTable.Read(factory);

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var unprotected = endpoints.Where(e => e.AllowsAnonymous || e.Policies.Count == 0).Select(e => e.Route).Distinct().ToList();
        Assert.All(unprotected, route => Assert.True(EndpointTable.OnAnonymousAllowList(route), $"{route} has no authorization policy"));
        Assert.Contains("/health/live", unprotected);
        Assert.Contains("/health/ready", unprotected);
        Assert.All(endpoints.Where(e => !e.AllowsAnonymous), e => Assert.All(e.Policies, p => Assert.Contains(p, Policies.RolesOf.Keys)));
    }

    [Fact]
    public async Task Every_endpoint_refuses_a_role_its_policy_does_not_name_and_a_caller_without_a_token()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-roles");
        var ids = new Dictionary<string, string>
        {
            ["caseId"] = id, ["clinicId"] = ApiTenant.Clinic, ["therapistId"] = ApiTenant.Therapist, ["tenantId"] = tenant.Id,
            ["goalId"] = "g1", ["milestoneId"] = "m1", ["code"] = "grief",
        };
        foreach (var endpoint in EndpointTable.Read(factory).Where(e => !e.AllowsAnonymous))
        {
            var allowed = endpoint.Policies.Select(p => Policies.RolesOf[p]).Aggregate((x, y) => [.. x.Intersect(y)]);
            var anonymous = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Fill(ids)));
            await anonymous.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
            foreach (var role in Roles.All.Except(allowed))
            {
                var caller = role == Roles.PlatformAdmin ? ApiTenant.PlatformAdmin(factory) : tenant.As(role, "u-" + role, id);
                var response = await caller.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Fill(ids)));
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} on {endpoint.Method} {endpoint.Route}: {(int)response.StatusCode}");
                await response.Problem(HttpStatusCode.Forbidden, "auth.forbidden");
            }
        }
    }
}
