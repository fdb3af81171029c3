using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// Puts the authenticated caller and the request's correlation id into the Orleans request context,
/// so every grain call of the request carries them: the silo's isolation filter checks the tenant,
/// and the silo's log lines of the call carry the correlation id as the gateway's do.
/// </summary>
public sealed class CallerContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var caller = context.User.Caller();
                CallerContext.Set(caller.Tenant, caller.UserId, caller.Role, CorrelationMiddleware.Of(context));
            }
            await next(context);
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
