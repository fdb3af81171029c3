using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ipt.Cluster.Gateway.Audit;

public static class AuditServiceExtensions
{
    /// <summary>
    /// Registers <see cref="AuditTrail"/> (on the <c>IAuditStore</c> the storage registered, and
    /// <see cref="TimeProvider.System"/> unless a clock is registered) and an exception handler
    /// that turns <see cref="AuditWriteException"/> into 503 problem+json when the app calls
    /// <c>UseExceptionHandler()</c>.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, AuditUnavailableExceptionHandler>());
        return services;
    }

    /// <summary>
    /// Audits every 401 and 403, and any response of an audited endpoint its filter did not see.
    /// Call it after <c>UseExceptionHandler()</c> and before <c>UseAuthentication()</c> and
    /// <c>UseAuthorization()</c> (call those explicitly: the ones WebApplication adds by itself run
    /// before any middleware of the app's own).
    /// </summary>
    public static IApplicationBuilder UseAuthenticationFailureAudit(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<AuthenticationFailureAuditMiddleware>();
    }
}
