using Microsoft.AspNetCore.Diagnostics;

namespace Ipt.Cluster.Gateway.Audit;

/// <summary>
/// Answers a request whose audit record could not be written with 503 problem+json of type
/// <see cref="ProblemType"/>. Consulted by <c>app.UseExceptionHandler()</c>.
/// </summary>
internal sealed class AuditUnavailableExceptionHandler : IExceptionHandler
{
    public const string ProblemType = "urn:ipt:problem:audit-unavailable";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AuditWriteException) return false;
        var problem = TypedResults.Problem(
            detail: "The request was not completed because its audit record could not be written. Try again shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Audit unavailable",
            type: ProblemType);
        await problem.ExecuteAsync(httpContext);
        return true;
    }
}
