using System.Net;
using Ipt.Cluster.Silo.Hosting;
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
            // Cluster mode: silos run as separate processes. Their clustering provider (ADO.NET on
            // PostgreSQL) is configured by the cluster-mode issue; this is the seam it plugs into.
            builder.UseOrleansClient(_ => { });
            return builder;
        }

        builder.UseOrleans(silo =>
        {
            silo.AddIptLocalSilo(configuration);
            // Optional ports, so that several local gateways (tests, a second checkout) can run side by side.
            if (configuration.GetValue<int?>("Orleans:SiloPort") is { } siloPort
                && configuration.GetValue<int?>("Orleans:GatewayPort") is { } gatewayPort)
            {
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                });
                silo.Configure<DevelopmentClusterMembershipOptions>(o => o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort));
            }
        });
        return builder;
    }
}
