using Ipt.Cluster.Gateway.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Audit;

/// <summary>
/// Records every call of a PHI endpoint after its handler has produced a result and before that
/// result is written, so a failed audit append fails the request (its exception propagates). The
/// outcome follows the result's status (<see cref="AuditOutcomes.FromStatus"/>); the resource is
/// the request path; the case is the <c>caseId</c> route value when there is one.
/// </summary>
public sealed class AuditEndpointFilter(AuditTrail trail, string action) : IEndpointFilter
{
    public const string CaseRouteValue = "caseId";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception error) when (!AuditTrail.IsRecorded(http))
        {
            // Recorded with the status the exception handler will answer: a call into another
            // tenant is a 404, malformed input a 400, an unreachable silo a 503.
            await RecordAsync(http, GatewayExceptionHandler.Classify(error).Status);
            throw;
        }

        // An inner (more specific) Audited filter has recorded already.
        if (!AuditTrail.IsRecorded(http)) await RecordAsync(http, StatusOf(result, http));
        return result;
    }

    private Task RecordAsync(HttpContext http, int status) =>
        trail.RecordAsync(http, action, http.Request.Path, CaseIdOf(http), AuditOutcomes.FromStatus(status));

    /// <summary>Set by a handler whose case id is not in its route (opening a case names it in the body).</summary>
    public const string CaseItem = "ipt.audit.case";

    internal static string? CaseIdOf(HttpContext http) =>
        http.Request.RouteValues[CaseRouteValue]?.ToString() ?? http.Items[CaseItem] as string;

    // The status the result will write. Forbid and Challenge results get theirs from the
    // authentication handler, so they are named here; a plain value is written as 200.
    private static int StatusOf(object? result, HttpContext http) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result, http),
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        ForbidHttpResult => StatusCodes.Status403Forbidden,
        ChallengeHttpResult => StatusCodes.Status401Unauthorized,
        _ => http.Response.StatusCode,
    };
}
