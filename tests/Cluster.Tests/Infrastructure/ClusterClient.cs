using Ipt.Cluster.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>An external Orleans client, as a gateway in cluster mode is, connected to a localhost silo.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects, retrying while the silo is still starting (bounded by <paramref name="within"/>).</summary>
    public static Task<ClusterClient> ConnectAsync(int gatewayPort, TimeSpan within) =>
        ConnectAsync(client => client
                .UseLocalhostClustering(gatewayPort)
                // Calls in flight when a silo dies must not wait Orleans' 30 s default.
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)),
            within);

    /// <summary>Connects as a cluster-mode gateway does: gateways listed from the membership table in PostgreSQL.</summary>
    public static Task<ClusterClient> ConnectToClusterAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan within)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return ConnectAsync(client => client.AddIptClusterClient(configuration), within);
    }

    private static async Task<ClusterClient> ConnectAsync(Action<IClientBuilder> configure, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var host = Host.CreateDefaultBuilder()
                .UseOrleansClient(configure)
                .Build();
            try
            {
                await host.StartAsync();
                return new ClusterClient(host);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                host.Dispose();
                await Task.Delay(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // The silo may be gone; nothing to stop gracefully.
        }
        _host.Dispose();
    }
}
