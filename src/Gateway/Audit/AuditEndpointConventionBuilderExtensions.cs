namespace Ipt.Cluster.Gateway.Audit;

public static class AuditEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Audits every call of the endpoint (or of every endpoint of the group) as <paramref name="action"/>,
    /// e.g. <c>"case.read"</c>. Where a group and one of its endpoints both name an action, the
    /// endpoint's wins and the call is recorded once.
    /// </summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(action);
        builder.WithMetadata(new AuditActionMetadata(action));
        builder.AddEndpointFilterFactory((_, next) => Filter(action, next));
        return builder;
    }

    /// <summary>
    /// Audits every endpoint of the group under its endpoint name (<c>WithName</c>), unless the
    /// endpoint names its own action.
    /// </summary>
    public static TBuilder AuditedByName<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The filter goes in as a group convention, so it is part of the endpoint's request delegate;
        // the delegate is built after the endpoint's own conventions, so its name is known by then.
        // (A filter added in Finally comes after the delegate is built and never runs.)
        builder.Add(endpoint => endpoint.FilterFactories.Add((_, next) =>
            OwnAction(endpoint.Metadata) is null ? Filter(NameOf(endpoint.Metadata, endpoint.DisplayName), next) : next));
        // The action as metadata for the responses no filter sees (AuthenticationFailureAuditMiddleware).
        builder.Finally(endpoint =>
        {
            if (OwnAction(endpoint.Metadata) is null) endpoint.Metadata.Add(new AuditActionMetadata(NameOf(endpoint.Metadata, endpoint.DisplayName)));
        });
        return builder;
    }

    // The trail (a singleton) is looked up at the endpoint's first call, not when the endpoint is
    // built: building the endpoints needs no services. Kept after that, off every request's path.
    private static EndpointFilterDelegate Filter(string action, EndpointFilterDelegate next)
    {
        AuditEndpointFilter? filter = null;
        return invocation => (filter ??= new AuditEndpointFilter(invocation.HttpContext.RequestServices.GetRequiredService<AuditTrail>(), action))
            .InvokeAsync(invocation, next);
    }

    private static string? OwnAction(IEnumerable<object> metadata) => metadata.OfType<AuditActionMetadata>().LastOrDefault()?.Action;

    private static string NameOf(IEnumerable<object> metadata, string? displayName) =>
        metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName ?? displayName ?? "request";
}
