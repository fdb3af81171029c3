using System.Diagnostics;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>
/// The first thing a request meets: it gets its correlation id (<c>X-Correlation-Id</c> when the
/// caller sent a sane one, else the trace id), echoed in the response, and every log line written
/// while the application handles it carries the id as a scope (<c>CorrelationId</c>). Logs never
/// carry PHI, so this id is what joins a log line to the request's audit record, which names it too.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";
    public const string ScopeKey = "CorrelationId";
    private const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = Assign(context);
        context.Response.Headers[Header] = correlationId;
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new(ScopeKey, correlationId) }))
        {
            await next(context);
        }
    }

    /// <summary>The request's correlation id, assigned on first use.</summary>
    public static string Of(HttpContext context) => context.Items[Header] as string ?? Assign(context);

    private static string Assign(HttpContext context)
    {
        var sent = context.Request.Headers[Header].ToString();
        var id = sent.Length is > 0 and <= MaxLength && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? sent
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[Header] = id;
        return id;
    }
}
