using System.Diagnostics;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// Puts the authenticated caller and a correlation id into the Orleans request context, so every
/// grain call of the request carries them and the silo's isolation filter can check the tenant.
/// The correlation id comes from <c>X-Correlation-Id</c> when it is sane, else from the trace. Every
/// log line of the request carries it (a logging scope); logs never carry PHI, so the id is what
/// joins a log line to the audit record of the same request.
/// </summary>
public sealed class CallerContextMiddleware(RequestDelegate next)
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private const int MaxCorrelationLength = 64;

    public async Task InvokeAsync(HttpContext context, ILogger<CallerContextMiddleware> logger)
    {
        var correlationId = CorrelationId(context);
        using var scope = logger.BeginScope(new KeyValuePair<string, object>[] { new("CorrelationId", correlationId) });
        context.Items[CorrelationHeader] = correlationId;
        context.Response.Headers[CorrelationHeader] = correlationId;
        try
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var caller = context.User.Caller();
                CallerContext.Set(caller.Tenant, caller.UserId, caller.Role, correlationId);
            }
            await next(context);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private static string CorrelationId(HttpContext context)
    {
        var sent = context.Request.Headers[CorrelationHeader].ToString();
        if (sent.Length is > 0 and <= MaxCorrelationLength && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return sent;
        return Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
    }
}
