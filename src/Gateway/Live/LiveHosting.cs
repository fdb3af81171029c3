using Ipt.Cluster.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>The live caseload's services, and the supervisor dashboard page served from the app's own files.</summary>
public static class LiveHosting
{
    public const string DashboardPath = "/dashboard";

    /// <summary>The page's files, embedded in the gateway assembly (wwwroot/dashboard in the source tree).</summary>
    private static readonly EmbeddedFileProvider Files = new(typeof(LiveHosting).Assembly, "dashboard");

    public static WebApplicationBuilder AddIptLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<IptMetrics>();
        builder.Services.AddSingleton<ClinicScope>();
        builder.Services.AddSingleton<CaseloadHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CaseloadHub>());
        return builder;
    }

    /// <summary>The page's scripts and styles under <c>/dashboard/</c>: static, anonymous, and holding no data.</summary>
    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            RequestPath = DashboardPath,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    /// <summary>
    /// The supervisor dashboard at <c>/dashboard</c>: anonymous to load, because the page holds
    /// no data; everything it shows comes from the authenticated API.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet(DashboardPath, () => TypedResults.Stream(Files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .WithName("Dashboard").WithSummary("The supervisor dashboard page (no data; it calls the API)").ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}
