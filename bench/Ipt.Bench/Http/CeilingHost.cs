using Ipt.Cluster.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipt.Bench.Http;

/// <summary>A grain that does nothing: the cost of one grain call and nothing else.</summary>
[Alias("ipt.bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> PingAsync();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync() => Task.FromResult(1);
}

/// <summary>
/// The ceilings the gateway is measured against, on the same machine in the same run: a bare
/// Kestrel JSON endpoint, and the same endpoint making one no-op grain call on a co-hosted silo.
/// </summary>
internal sealed class CeilingHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CeilingHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The co-hosted silo's grains, for in-process no-op calls.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<CeilingHost> StartAsync(int port, int siloPort, int gatewayPort)
    {
        var builder = WebApplication.CreateSlimBuilder(HostArguments.WithoutConfigReload([]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var url = $"http://127.0.0.1:{port}";
        builder.WebHost.UseUrls(url);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort));
        var app = builder.Build();
        app.MapGet("/bare", () => Results.Json(new { ok = 1 }));
        app.MapGet("/grain", async (IGrainFactory grains) => Results.Json(new { ok = await grains.GetGrain<IPingGrain>(0).PingAsync() }));
        await app.StartAsync();
        return new CeilingHost(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
