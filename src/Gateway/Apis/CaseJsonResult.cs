using System.Globalization;
using System.Reflection;
using Ipt.Cluster.Cases;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>
/// A case read's answer from its rendered JSON: 200 with the body, or 304 when the caller already
/// holds this version (<c>If-None-Match</c>). Either way the <c>ETag</c> names the case's version,
/// so a client can also tell whether its copy is current without reading the body.
/// </summary>
public sealed class CaseJsonResult(RenderedCase rendered, bool notModified) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => notModified ? StatusCodes.Status304NotModified : StatusCodes.Status200OK;

    public static string ETagOf(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Whether the request's <c>If-None-Match</c> names this version (or is <c>*</c>).</summary>
    public static bool Matches(HttpRequest request, long version)
    {
        ArgumentNullException.ThrowIfNull(request);
        var etag = ETagOf(version);
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (tag == "*" || tag == etag || tag == "W/" + etag) return true;
        }
        return false;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = ETagOf(rendered.Version);
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = rendered.Json.Length;
        return response.Body.WriteAsync(rendered.Json, httpContext.RequestAborted).AsTask();
    }

    // The API description shows the case's schema, as it would for Ok<CaseState>.
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(CaseState), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
