using System.Security.Claims;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Grains.Tests.Storage;
using Microsoft.AspNetCore.Http;

namespace Ipt.Cluster.Grains.Tests.Audit;

/// <summary>An <see cref="AuditTrail"/> on a real embedded store with a fixed clock, and requests to audit.</summary>
public sealed class AuditHttp : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public TempStore Store { get; } = new();

    public AuditTrail Trail => new(Store.Audit, new FixedClock(Now));

    public static DefaultHttpContext Request(string path, ClaimsPrincipal? caller = null, string? caseId = null)
    {
        var context = new DefaultHttpContext { TraceIdentifier = "trace-" + Guid.NewGuid().ToString("N")[..8] };
        context.Request.Path = path;
        if (caller is not null) context.User = caller;
        if (caseId is not null) context.Request.RouteValues[AuditEndpointFilter.CaseRouteValue] = caseId;
        return context;
    }

    public static ClaimsPrincipal Caller(string tenant, string user, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("sub", user), new Claim("tenant", tenant), .. roles.Select(r => new Claim("role", r))],
            authenticationType: "Bearer", nameType: "sub", roleType: "role"));

    public ValueTask DisposeAsync() => Store.DisposeAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
