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
        builder.AddEndpointFilterFactory((_, next) => invocation =>
            new AuditEndpointFilter(invocation.HttpContext.RequestServices.GetRequiredService<AuditTrail>(), action).InvokeAsync(invocation, next));
        return builder;
    }

    /// <summary>
    /// Audits every endpoint of the group under its endpoint name (<c>WithName</c>), unless the
    /// endpoint names its own action. Runs last, when each endpoint's name is known.
    /// </summary>
    public static TBuilder AuditedByName<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<AuditActionMetadata>().Any()) return;
            var action = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName
                ?? endpoint.DisplayName ?? "request";
            endpoint.Metadata.Add(new AuditActionMetadata(action));
            endpoint.FilterFactories.Add((_, next) => invocation =>
                new AuditEndpointFilter(invocation.HttpContext.RequestServices.GetRequiredService<AuditTrail>(), action).InvokeAsync(invocation, next));
        });
        return builder;
    }
}
