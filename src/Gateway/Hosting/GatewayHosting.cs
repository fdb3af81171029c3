using Ipt.Cluster.Gateway.Apis;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Fhir;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Gateway.Live;
using Ipt.Cluster.Gateway.Seeding;
using Ipt.Cluster.Silo.Hosting;
using Scalar.AspNetCore;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>The gateway's composition: what <c>Program.cs</c> calls, in the order requests meet it.</summary>
public static class GatewayHosting
{
    public static WebApplicationBuilder AddIptGateway(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(GatewaySettings.DefaultUrl);
        builder.AddIptCluster();
        builder.AddIptRequestLimits();
        // Before the gateway's own handler, which would answer an unwritable audit with a 500.
        builder.Services.AddAuditTrail();
        builder.AddIptProblems();
        builder.AddIptIdentity();
        builder.AddIptRateLimits();
        builder.AddIptHealth();
        builder.AddIptTelemetry();
        builder.AddIptOpenApi();
        builder.Services.AddSingleton<CaseCommandRunner>();
        builder.Services.AddOptions<CaseReadCacheOptions>().BindConfiguration(CaseReadCacheOptions.Section);
        builder.Services.AddSingleton<CaseReadCache>();
        builder.Services.AddSingleton<Caseload>();
        builder.AddIptLive();
        builder.AddDemoSeeding();
        return builder;
    }

    public static WebApplication MapIptGateway(this WebApplication app)
    {
        // Before routing, so that every line logged for the request (routing and authentication
        // included) carries its correlation id; only the server's own start and finish lines precede it.
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseRouting();
        app.UseExceptionHandler();
        app.UseDashboardFiles();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeMiddleware>();
        app.UseAuthenticationFailureAudit();
        app.UseAuthentication();
        app.UseMiddleware<CallerContextMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapIptHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        // Every API call is audited under its endpoint name: reads and writes, refusals and denials.
        var audited = app.MapGroup("").AuditedByName();
        audited.MapTenantsApi();
        audited.MapClinicsApi();
        audited.MapCasesApi();
        audited.MapCaseCourseApi();
        audited.MapGoalsApi();
        audited.MapCaseRecordsApi();
        audited.MapFhirApi();
        audited.MapCaseloadApi();
        audited.MapDemoTokenApi();
        if (IptSiloHosting.DashboardEnabled(app.Configuration)) audited.MapIptOrleansDashboard();
        app.MapDashboard();
        app.MapAuditApi();
        return app;
    }
}
