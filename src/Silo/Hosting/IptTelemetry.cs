using Ipt.Cluster.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ipt.Cluster.Silo.Hosting;

/// <summary>
/// OpenTelemetry for every process of the product: Orleans' activity sources and meter, Npgsql's,
/// and the product's own <see cref="IptMetrics.MeterName"/>, exported by OTLP only when an endpoint
/// is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <c>Telemetry:OtlpEndpoint</c> with
/// <c>Telemetry:OtlpProtocol</c> grpc|http). Without one nothing is collected or exported.
/// </summary>
public static class IptTelemetry
{
    public const string OtlpEndpointKey = "Telemetry:OtlpEndpoint";
    public const string OtlpProtocolKey = "Telemetry:OtlpProtocol";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static readonly string[] ActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql"];

    public static readonly string[] Meters = ["Microsoft.Orleans", "Npgsql", IptMetrics.MeterName];

    public static bool Exporting(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]) || !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]);

    /// <summary>Traces, metrics and logs (with their scopes: the correlation id) to OTLP, when configured; else nothing.</summary>
    public static IServiceCollection AddIptTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<TracerProviderBuilder>? tracing = null, Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!Exporting(configuration)) return services;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddSource(ActivitySources);
                tracing?.Invoke(t);
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Meters);
                metrics?.Invoke(m);
            })
            .WithLogging(configureBuilder: null, configureOptions: o => o.IncludeScopes = true);
        if (configuration[OtlpEndpointKey] is { Length: > 0 } endpoint)
        {
            var protocol = string.Equals(configuration[OtlpProtocolKey], "http", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else
        {
            telemetry.UseOtlpExporter(); // the standard OTEL_EXPORTER_OTLP_* variables
        }

        return services;
    }
}
