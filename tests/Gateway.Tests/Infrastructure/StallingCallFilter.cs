using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>
/// Fault injection: the silo takes <see cref="Stall"/> over a grain method when the request that
/// called it has a correlation id <c>stall-{Method}-...</c>, as a silo that is dying or overloaded
/// does. It ignores the call's cancellation on purpose: only the caller can decide to stop waiting.
/// </summary>
public sealed class StallingCallFilter : IIncomingGrainCallFilter
{
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(4);

    public static string CorrelationFor(string method) => $"stall-{method}-{Guid.NewGuid():N}";

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (CallerContext.CorrelationId?.StartsWith($"stall-{context.MethodName}-", StringComparison.Ordinal) == true)
            await Task.Delay(Stall);
        await context.Invoke();
    }
}
