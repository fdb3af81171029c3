using Ipt.Cluster.Security;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Grains.Telemetry;

/// <summary>
/// Every log line a grain call writes carries the correlation id of the request that caused it (a
/// <c>CorrelationId</c> logging scope, as on the gateway): Orleans runs grain calls on its own
/// scheduler, so the gateway's scope does not flow into them, but the request context does. Calls
/// with no correlation id (reminders, stream deliveries, the system's own) open no scope.
/// </summary>
public sealed class CorrelationScopeFilter(ILogger<CorrelationScopeFilter> logger) : IIncomingGrainCallFilter
{
    public const string ScopeKey = "CorrelationId";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CallerContext.CorrelationId is not { } correlationId)
        {
            await context.Invoke();
            return;
        }
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new(ScopeKey, correlationId) }))
        {
            await context.Invoke();
        }
    }
}
