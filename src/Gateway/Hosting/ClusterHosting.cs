using System.Net;
using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Silo.Storage.Postgres;
using Orleans.Configuration;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>Connects the gateway to the cluster: a silo inside this process in local mode, a client in cluster mode.</summary>
public static class ClusterHosting
{
    public static WebApplicationBuilder AddIptCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (GatewaySettings.Mode(configuration) == GatewayMode.Cluster)
        {
            // Cluster mode: silos run as separate processes; this process is their client. It finds
            // them in the membership table in PostgreSQL, waits a bounded time for any call (a dead
            // silo costs Orleans:ResponseTimeout, 5 s by default, not 30 s), and writes the audit
            // log straight to PostgreSQL, as the silos do: no in-process silo, no demo seeding.
            builder.UseOrleansClient(client =>
            {
                client.AddIptClusterClient(configuration).AddIptStreams();
                if (IptSiloHosting.DashboardEnabled(configuration)) client.AddIptDashboardClient();
                if (IptTelemetry.Exporting(configuration)) client.AddActivityPropagation();
            });
            builder.Services.AddPostgresAuditStore(configuration);
            return builder;
        }

        builder.UseOrleans(silo =>
        {
            silo.AddIptLocalSilo(configuration);
            // Optional ports, so that several local gateways (tests, a second checkout) run side by side.
            // Read when the options are built: test hosts add their settings after this runs.
            silo.Services.AddOptions<EndpointOptions>().Configure<IConfiguration>((o, config) =>
            {
                if (Ports(config) is not { } ports) return;
                o.SiloPort = ports.Silo;
                o.GatewayPort = ports.Gateway;
            });
            silo.Services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IConfiguration>((o, config) =>
            {
                if (Ports(config) is { } ports) o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, ports.Silo);
            });
        });
        return builder;
    }

    private static (int Silo, int Gateway)? Ports(IConfiguration config) =>
        config.GetValue<int?>("Orleans:SiloPort") is { } silo && config.GetValue<int?>("Orleans:GatewayPort") is { } gateway
            ? (silo, gateway)
            : null;
}
