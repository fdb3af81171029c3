using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>One route and verb of the app's own endpoint table, with its authorization metadata.</summary>
public sealed partial record EndpointEntry(string Route, string Method, IReadOnlyList<string> Policies, bool AllowsAnonymous)
{
    /// <summary>
    /// The route with its parameters filled in from <paramref name="ids"/>; a parameter not named
    /// there (a catch-all <c>{*path}</c>, a constrained <c>{page:int}</c>) gets a value its constraint accepts.
    /// </summary>
    public string Fill(IReadOnlyDictionary<string, string> ids) => Parameter().Replace(Route, m =>
        ids.TryGetValue(m.Groups["name"].Value, out var value) ? value
        : m.Groups["constraint"].Value.Contains("int", StringComparison.Ordinal) ? "1" : "x");

    [GeneratedRegex(@"\{\*{0,2}(?<name>\w+)(?<constraint>:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}

public static class EndpointTable
{
    /// <summary>
    /// The only routes that may answer without a token: the two health checks, the OpenAPI document
    /// and the reference page with its own static files (they describe the API and hold no data).
    /// The supervisor dashboard page is anonymous to load: it holds no data, and everything it
    /// shows comes from the authenticated API. The demo token endpoints exist in local mode only
    /// (never in cluster mode) and issue tokens for the seeded demo tenant's staff.
    /// </summary>
    public static bool OnAnonymousAllowList(string route) =>
        route is "/health/live" or "/health/ready" or "/openapi/{documentName}.json"
            or "/dashboard" or "/api/demo/users" or "/api/demo/token"
        || route.StartsWith("/scalar/", StringComparison.Ordinal);

    public static IReadOnlyList<EndpointEntry> Read(GatewayFactory factory) =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().SelectMany(e =>
            (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => new EndpointEntry(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                method,
                [.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()],
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null))),
    ];
}
