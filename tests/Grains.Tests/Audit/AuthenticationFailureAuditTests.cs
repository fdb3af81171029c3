using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Silo.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Grains.Tests.Audit;

public sealed class AuthenticationFailureAuditTests
{
    [Fact]
    public async Task A_401_from_the_authentication_pipeline_is_recorded_as_an_authentication_failure_without_a_tenant()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3");

        await RunAsync(audit, request, StatusCodes.Status401Unauthorized);

        var record = Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery(""))).Records);
        Assert.Equal((AuditActions.Authenticate, "/api/cases/case-3", AuditOutcome.AuthenticationFailed, (string?)null), (record.Action, record.Resource, record.Outcome, record.UserId));
    }

    [Fact]
    public async Task A_403_of_an_audited_endpoint_is_recorded_as_a_denial_of_its_action_in_the_callers_tenant()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "client-1", "client"), caseId: "case-3");
        request.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new AuditActionMetadata("case.read")), "case read"));

        await RunAsync(audit, request, StatusCodes.Status403Forbidden);

        var record = Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records);
        Assert.Equal(("case.read", "case-3", AuditOutcome.Denied, "client-1"), (record.Action, record.CaseId, record.Outcome, record.UserId));
    }

    [Fact]
    public async Task An_audited_endpoint_whose_request_never_reached_its_filter_is_still_recorded()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3/measures", AuditHttp.Caller("north", "dr-lee", "therapist"), caseId: "case-3");
        request.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new AuditActionMetadata("measure.write")), "measure write"));

        await RunAsync(audit, request, StatusCodes.Status400BadRequest);

        Assert.Equal(AuditOutcome.Refused, Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records).Outcome);
    }

    [Fact]
    public async Task Other_responses_of_endpoints_that_are_not_audited_leave_no_record()
    {
        await using var audit = new AuditHttp();

        await RunAsync(audit, AuditHttp.Request("/health/live"), StatusCodes.Status200OK);
        await RunAsync(audit, AuditHttp.Request("/nowhere", AuditHttp.Caller("north", "dr-lee", "therapist")), StatusCodes.Status404NotFound);

        Assert.Empty((await audit.Store.Audit.QueryAsync(new AuditQuery(""))).Records);
        Assert.Empty((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records);
    }

    [Fact]
    public async Task A_call_its_endpoint_filter_recorded_is_not_recorded_again()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "dr-lee", "therapist"), caseId: "case-3");
        request.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new AuditActionMetadata("case.read")), "case read"));
        var filter = new AuditEndpointFilter(audit.Trail, "case.read");

        await RunAsync(audit, request, StatusCodes.Status404NotFound, async context =>
            await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => ValueTask.FromResult<object?>(TypedResults.NotFound())));

        Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records);
    }

    /// <summary>The middleware as <c>UseAuthenticationFailureAudit</c> adds it, in front of a pipeline answering <paramref name="status"/>.</summary>
    private static async Task RunAsync(AuditHttp audit, DefaultHttpContext request, int status, Func<HttpContext, Task>? endpoint = null)
    {
        var services = new ServiceCollection().AddSingleton(audit.Trail).BuildServiceProvider();
        await using (services)
        {
            var app = new ApplicationBuilder(services);
            app.UseAuthenticationFailureAudit();
            app.Run(async context =>
            {
                if (endpoint is not null) await endpoint(context);
                context.Response.StatusCode = status;
            });
            request.RequestServices = services;
            await app.Build()(request);
        }
    }
}
