using Ipt.Cluster.Gateway.Hosting;

namespace Ipt.Cluster.Gateway.Errors;

public static class ProblemHosting
{
    /// <summary>Every error is application/problem+json with a stable type, a code and the correlation id.</summary>
    public static WebApplicationBuilder AddIptProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (!details.Extensions.ContainsKey("code"))
            {
                // A bare status (no route, wrong method) reached the status code pages: give it its kind.
                var known = GatewayProblems.ForStatus(details.Status ?? context.HttpContext.Response.StatusCode).ToProblemDetails();
                details.Type = known.Type;
                details.Title = known.Title;
                details.Detail ??= known.Detail;
                foreach (var (key, value) in known.Extensions) details.Extensions[key] = value;
            }
            if (context.HttpContext.Items[CorrelationMiddleware.Header] is string correlationId)
                details.Extensions["correlationId"] = correlationId;
        });
        return builder;
    }
}
