using System.Text.Json;
using System.Text.Json.Serialization;
using Ipt.Cluster.Gateway.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>Limits on what a request may carry: 1 MB of body, JSON 32 levels deep, enums by name, no fields it does not take.</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const int MaxJsonDepth = 32;

    public static WebApplicationBuilder AddIptRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        // Binding failures throw, so the exception handler can name the field in a problem.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MaxDepth = MaxJsonDepth;
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        // A field no request takes is refused, not dropped: a misspelt optional field would otherwise be lost unseen.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }
}

/// <summary>
/// Refuses an oversize body before anything reads it. Kestrel enforces the same limit on the
/// bytes; this makes the answer a 413 problem, also for hosts (test servers) that do not.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            await ProblemWriter.WriteAsync(context, GatewayProblems.Large());
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        await next(context);
    }
}
