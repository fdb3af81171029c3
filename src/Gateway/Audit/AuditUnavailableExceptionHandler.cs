using Ipt.Cluster.Gateway.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Ipt.Cluster.Gateway.Audit;

/// <summary>
/// Answers a request whose audit record could not be written with 503 problem+json
/// (<see cref="GatewayProblems.AuditUnavailable"/>). Consulted by <c>app.UseExceptionHandler()</c>.
/// </summary>
internal sealed class AuditUnavailableExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AuditWriteException) return false;
        await ProblemWriter.WriteAsync(httpContext, GatewayProblems.AuditNotWritten());
        return true;
    }
}
