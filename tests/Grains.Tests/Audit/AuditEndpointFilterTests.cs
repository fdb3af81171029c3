using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Silo.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Grains.Tests.Audit;

public sealed class AuditEndpointFilterTests
{
    public static TheoryData<object?, AuditOutcome> ResultsAndOutcomes => new()
    {
        { TypedResults.Ok("case"), AuditOutcome.Success },
        { "a plain value", AuditOutcome.Success },
        { TypedResults.Created("/api/cases/case-3"), AuditOutcome.Success },
        { TypedResults.Unauthorized(), AuditOutcome.AuthenticationFailed },
        { TypedResults.Challenge(), AuditOutcome.AuthenticationFailed },
        { TypedResults.Forbid(), AuditOutcome.Denied },
        { TypedResults.NotFound(), AuditOutcome.NotFound },
        { TypedResults.BadRequest(), AuditOutcome.Refused },
        { TypedResults.Conflict(), AuditOutcome.Refused },
        { TypedResults.UnprocessableEntity(), AuditOutcome.Refused },
        { TypedResults.Problem(statusCode: 503), AuditOutcome.Failed },
        { (Results<Ok, NotFound>)TypedResults.NotFound(), AuditOutcome.NotFound },
    };

    [Theory]
    [MemberData(nameof(ResultsAndOutcomes))]
    public async Task A_call_is_recorded_once_with_the_outcome_its_result_stands_for(object? result, AuditOutcome expected)
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3/goals", AuditHttp.Caller("north", "dr-lee", "therapist"), caseId: "case-3");

        var returned = await new AuditEndpointFilter(audit.Trail, "goal.list")
            .InvokeAsync(new DefaultEndpointFilterInvocationContext(request), _ => ValueTask.FromResult(result));

        Assert.Same(result, returned);
        var record = Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records);
        Assert.Equal(("goal.list", "/api/cases/case-3/goals", "case-3", expected), (record.Action, record.Resource, record.CaseId, record.Outcome));
    }

    [Fact]
    public async Task A_handler_that_throws_is_recorded_as_failed_and_its_exception_still_fails_the_request()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "dr-lee", "therapist"), caseId: "case-3");

        await Assert.ThrowsAsync<TimeoutException>(async () => await new AuditEndpointFilter(audit.Trail, "case.read")
            .InvokeAsync(new DefaultEndpointFilterInvocationContext(request), _ => throw new TimeoutException()));

        Assert.Equal(AuditOutcome.Failed, Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records).Outcome);
    }

    [Fact]
    public async Task Nested_audited_filters_record_the_call_once_under_the_innermost_action()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3/journal", AuditHttp.Caller("north", "client-1", "client"), caseId: "case-3");
        var context = new DefaultEndpointFilterInvocationContext(request);
        var inner = new AuditEndpointFilter(audit.Trail, "journal.write");

        await new AuditEndpointFilter(audit.Trail, "case.any")
            .InvokeAsync(context, c => inner.InvokeAsync(c, _ => ValueTask.FromResult<object?>(TypedResults.NoContent())));

        Assert.Equal("journal.write", Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records).Action);
    }
}
