using System.Net;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>The Orleans Dashboard at /orleans: the platform admin's view of the cluster, audited like every endpoint.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OrleansDashboardTests(GatewayFactory factory)
{
    [Fact]
    public async Task The_platform_admin_opens_the_dashboard_and_reads_the_clusters_counters()
    {
        var admin = ApiTenant.PlatformAdmin(factory);
        var correlation = "dash-" + Guid.NewGuid().ToString("N")[..8];

        var page = await admin.SendAsync(Get("/orleans/", correlation));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The dashboard samples the cluster once a second: right after start it may not have counted the silo yet.
        var body = await admin.GetAsync("/orleans/DashboardCounters").Ok();
        for (var tries = 0; body.GetProperty("totalActiveHostCount").GetInt32() == 0 && tries < 50; tries++)
        {
            await Task.Delay(200);
            body = await admin.GetAsync("/orleans/DashboardCounters").Ok();
        }
        Assert.True(body.GetProperty("totalActiveHostCount").GetInt32() >= 1, body.ToString());
        var records = await AuditedDashboardAccessAsync(tenant: null);
        Assert.Contains(records, r => r.CorrelationId == correlation && r.Outcome == AuditOutcome.Success
            && r.UserId == "root" && r.Resource == "/orleans/");
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_answers_401_and_the_attempt_is_audited()
    {
        var correlation = "dash-" + Guid.NewGuid().ToString("N")[..8];

        var response = await factory.CreateClient().SendAsync(Get("/orleans/", correlation));

        await response.Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Contains(await AuditedDashboardAccessAsync(tenant: null),
            r => r.CorrelationId == correlation && r.Outcome == AuditOutcome.AuthenticationFailed);
    }

    [Fact]
    public async Task A_supervisor_gets_403_and_the_denial_reaches_the_tenants_auditor()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var correlation = "dash-" + Guid.NewGuid().ToString("N")[..8];

        var response = await tenant.Ben().SendAsync(Get("/orleans/ClusterStats", correlation));

        await response.Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Contains(await AuditedDashboardAccessAsync(tenant.Id),
            r => r.CorrelationId == correlation && r.Outcome == AuditOutcome.Denied && r.UserId == ApiTenant.Supervisor);
    }

    [Theory]
    [InlineData("/orleans/GrainState?grainId=x&grainType=y")]
    [InlineData("/orleans/Reminders")]
    [InlineData("/orleans/Reminders/1")]
    [InlineData("/orleans/Trace")]
    public async Task Views_that_would_name_a_tenants_grains_one_by_one_answer_404_even_to_the_platform_admin(string path)
    {
        var response = await ApiTenant.PlatformAdmin(factory).GetAsync(path);

        await response.Problem(HttpStatusCode.NotFound, "resource.not-found");
    }

    [Fact]
    public void The_silo_runs_the_dashboards_services_by_default() =>
        Assert.NotEmpty(DashboardServices.Of(factory.Services));

    [Fact]
    public async Task The_dashboard_is_not_part_of_the_openapi_document()
    {
        var document = await factory.CreateClient().GetAsync("/openapi/v1.json").Ok();

        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith(OrleansDashboardHosting.Prefix, StringComparison.Ordinal));
    }

    private static HttpRequestMessage Get(string path, string correlation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Correlation-Id", correlation);
        return request;
    }

    /// <summary>The dashboard's audit records of a tenant, or of no tenant (the platform admin, anonymous callers).</summary>
    private async Task<IReadOnlyList<AuditRecord>> AuditedDashboardAccessAsync(string? tenant) =>
        (await factory.Services.GetRequiredService<IAuditStore>().QueryAsync(
            new AuditQuery(tenant ?? "", Action: OrleansDashboardHosting.AuditAction, Limit: 500))).Records;
}

/// <summary>A gateway whose operator turned the Orleans Dashboard off.</summary>
public sealed class NoOrleansDashboardFactory() : GatewayFactory(new() { [IptSiloHosting.DashboardEnabledKey] = "false" }, null);

/// <summary>Turned off, the dashboard is gone: no pages, and nothing of it runs in the silo.</summary>
public sealed class OrleansDashboardOffTests(NoOrleansDashboardFactory factory) : IClassFixture<NoOrleansDashboardFactory>
{
    [Fact]
    public async Task The_platform_admin_finds_no_dashboard_and_the_silo_runs_none_of_its_services()
    {
        var page = await ApiTenant.PlatformAdmin(factory).GetAsync("/orleans/");
        var counters = await ApiTenant.PlatformAdmin(factory).GetAsync("/orleans/DashboardCounters");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, counters.StatusCode);
        Assert.Empty(DashboardServices.Of(factory.Services));
    }
}

/// <summary>The dashboard's hosted services and silo lifecycle participants (its metric reader among them) in a host.</summary>
internal static class DashboardServices
{
    public static IReadOnlyList<Type> Of(IServiceProvider services)
    {
        var dashboard = typeof(DashboardOptions).Assembly;
        return [.. services.GetServices<IHostedService>().Select(s => s.GetType())
            .Concat(services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().Select(s => s.GetType()))
            .Where(t => t.Assembly == dashboard)];
    }
}
