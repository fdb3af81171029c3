namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) generated from the endpoints, read by the reference page
/// (/scalar). Both are anonymous: they describe the API's shape and hold no data, and a reference
/// page that needs a token before it can show how to get one would help nobody.
/// </summary>
public static class OpenApiHosting
{
    public static WebApplicationBuilder AddIptOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }
}
