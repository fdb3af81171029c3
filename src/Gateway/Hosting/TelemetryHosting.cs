using Ipt.Cluster.Silo.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>The gateway's telemetry (ASP.NET Core on top of the shared set).</summary>
public static class TelemetryHosting
{
    public static WebApplicationBuilder AddIptTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddIptTelemetry(builder.Configuration, "ipt-gateway",
            tracing => tracing.AddAspNetCoreInstrumentation(),
            metrics => metrics.AddAspNetCoreInstrumentation());
        return builder;
    }
}
