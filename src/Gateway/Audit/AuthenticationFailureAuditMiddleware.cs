namespace Ipt.Cluster.Gateway.Audit;

/// <summary>
/// Audits the responses no endpoint filter saw: every 401 and 403 (authentication failures and
/// denials by the authentication and authorization middleware, which answer before any endpoint
/// runs), and any other response of an <c>Audited</c> endpoint that never reached its filter (a
/// request body that failed to bind, say). The record is written before the response starts:
/// after the rest of the pipeline when nothing has been written yet, so a failed append propagates
/// like any exception; otherwise from the response's OnStarting callback (a challenge that writes a
/// body), where a failed append aborts the response.
/// </summary>
internal sealed class AuthenticationFailureAuditMiddleware(RequestDelegate next, AuditTrail trail)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, context) = ((AuthenticationFailureAuditMiddleware, HttpContext))state;
            return self.RecordIfUnauditedAsync(context);
        }, (this, context));

        await next(context);
        if (!context.Response.HasStarted) await RecordIfUnauditedAsync(context);
    }

    private Task RecordIfUnauditedAsync(HttpContext context)
    {
        if (AuditTrail.IsRecorded(context)) return Task.CompletedTask;
        var status = context.Response.StatusCode;
        var audited = context.GetEndpoint()?.Metadata.GetMetadata<AuditActionMetadata>();
        if (audited is null && status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)) return Task.CompletedTask;

        var action = audited?.Action ?? (status == StatusCodes.Status401Unauthorized ? AuditActions.Authenticate : AuditActions.Authorize);
        return trail.RecordAsync(context, action, context.Request.Path, AuditEndpointFilter.CaseIdOf(context), AuditOutcomes.FromStatus(status));
    }
}
