using Ipt.Cluster.Gateway.Identity;

namespace Ipt.Cluster.Gateway.Errors;

/// <summary>Writes a problem outside an endpoint (authentication events, middleware, rejections).</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, Problem problem)
    {
        context.Response.StatusCode = problem.Status;
        // The exception handler clears the response headers; the correlation id belongs on every answer.
        if (context.Items[CallerContextMiddleware.CorrelationHeader] is string correlationId)
            context.Response.Headers[CallerContextMiddleware.CorrelationHeader] = correlationId;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem.ToProblemDetails() });
    }
}
