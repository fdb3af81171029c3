using Ipt.Cluster.Gateway.Hosting;

namespace Ipt.Cluster.Gateway.Errors;

/// <summary>Writes a problem outside an endpoint (authentication events, middleware, rejections).</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, Problem problem)
    {
        context.Response.StatusCode = problem.Status;
        // The exception handler clears the response headers; the correlation id belongs on every answer.
        if (context.Items[CorrelationMiddleware.Header] is string correlationId)
            context.Response.Headers[CorrelationMiddleware.Header] = correlationId;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem.ToProblemDetails() });
    }
}
