using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Silo.Storage;
using Microsoft.AspNetCore.Http;

namespace Ipt.Cluster.Grains.Tests.Audit;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task A_record_names_the_caller_from_their_claims_the_time_from_the_clock_and_the_sent_correlation_id()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "dr-lee", "therapist", "supervisor"));
        request.Request.Headers[CorrelationMiddleware.Header] = "req-42";

        await audit.Trail.RecordAsync(request, "case.read", "/api/cases/case-3", "case-3", AuditOutcome.Success);

        var record = Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records);
        Assert.Equal(
            new AuditRecord(AuditHttp.Now, "dr-lee", "north", "therapist,supervisor", "case.read", "/api/cases/case-3", "case-3", AuditOutcome.Success, "req-42"),
            record);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    public async Task Without_a_usable_correlation_header_the_request_trace_identifier_is_recorded(string? header)
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "dr-lee", "therapist"));
        if (header is not null) request.Request.Headers[CorrelationMiddleware.Header] = header;

        await audit.Trail.RecordAsync(request, "case.read", "/api/cases/case-3", "case-3", AuditOutcome.Success);

        Assert.Equal(request.TraceIdentifier, Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records).CorrelationId);
    }

    [Fact]
    public async Task An_unauthenticated_request_is_recorded_without_user_tenant_or_role_under_no_tenant()
    {
        await using var audit = new AuditHttp();
        var request = AuditHttp.Request("/api/cases/case-3");

        await audit.Trail.RecordAsync(request, AuditActions.Authenticate, "/api/cases/case-3", null, AuditOutcome.AuthenticationFailed);

        var record = Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery(""))).Records);
        Assert.Equal((null, null, null, AuditOutcome.AuthenticationFailed), (record.UserId, record.TenantId, record.Role, record.Outcome));
    }

    [Fact]
    public async Task When_the_audit_record_cannot_be_written_the_request_fails_and_its_result_is_never_returned()
    {
        var trail = new AuditTrail(new UnwritableAuditStore(), TimeProvider.System);
        var filter = new AuditEndpointFilter(trail, "case.read");
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "dr-lee", "therapist"), caseId: "case-3");
        var handlerRan = false;

        var failure = await Assert.ThrowsAsync<AuditWriteException>(async () => await filter.InvokeAsync(
            new DefaultEndpointFilterInvocationContext(request),
            _ =>
            {
                handlerRan = true;
                return ValueTask.FromResult<object?>(TypedResults.Ok("case data"));
            }));

        Assert.True(handlerRan);
        Assert.IsType<IOException>(failure.InnerException);
    }

    [Theory]
    [InlineData(typeof(Ipt.Cluster.Security.TenantIsolationException), AuditOutcome.NotFound)]
    [InlineData(typeof(TimeoutException), AuditOutcome.Failed)]
    [InlineData(typeof(InvalidOperationException), AuditOutcome.Failed)]
    public async Task A_handler_that_throws_is_recorded_with_the_outcome_of_the_answer_the_exception_gets(Type thrown, AuditOutcome outcome)
    {
        await using var audit = new AuditHttp();
        var filter = new AuditEndpointFilter(audit.Trail, "case.read");
        var request = AuditHttp.Request("/api/cases/case-3", AuditHttp.Caller("north", "dr-lee", "therapist"), caseId: "case-3");

        await Assert.ThrowsAsync(thrown, async () => await filter.InvokeAsync(
            new DefaultEndpointFilterInvocationContext(request), _ => throw (Exception)Activator.CreateInstance(thrown)!));

        Assert.Equal(outcome, Assert.Single((await audit.Store.Audit.QueryAsync(new AuditQuery("north"))).Records).Outcome);
    }

    private sealed class UnwritableAuditStore : IAuditStore
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
            Task.FromException(new IOException("disk full"));

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
