using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;
using Orleans.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipt.Bench.Run;

/// <summary>
/// A silo of the product in this process (as the gateway's local mode hosts it) on the embedded store
/// in a data folder, or on PostgreSQL when a connection string is given; free ports.
/// </summary>
internal static class BenchSilo
{
    public static async Task<IHost> StartAsync(string dataDirectory, string? postgres = null)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments.WithoutConfigReload([]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // On a loaded 2-core machine these report late timers and, at shutdown, cancelled stream reads: noise in a bench's output.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error).AddFilter("Orleans.Runtime.AsyncTimer", LogLevel.Error)
            .AddFilter("Orleans.Streams", LogLevel.Critical);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Embedded:DataDirectory"] = dataDirectory,
            ["Storage:Provider"] = postgres is null ? IptSiloHosting.EmbeddedProvider : IptSiloHosting.PostgresProvider,
            ["Storage:Postgres:ConnectionString"] = postgres,
            ["Orleans:SiloPort"] = Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (postgres is not null)
        {
            await using var source = NpgsqlDataSource.Create(postgres);
            await new PostgresMigrator(source).MigrateAsync();
        }
        builder.UseOrleans(silo =>
        {
            silo.AddIptLocalSilo(builder.Configuration);
            // Grain state is keyed by service id: the same as the cluster's silos, so they find what this one wrote.
            if (postgres is not null) silo.Configure<ClusterOptions>(o => o.ServiceId = IptClusterHosting.DefaultServiceId);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
