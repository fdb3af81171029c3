using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Browser.Tests;

/// <summary>
/// The real gateway (with its in-process silo on a temp embedded store) on a real Kestrel port on
/// 127.0.0.1, so that a real browser can load the dashboard and open its streams.
/// </summary>
public sealed class KestrelGateway : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ipt-browser-" + Guid.NewGuid().ToString("N"));

    public KestrelGateway()
    {
        Port = FreePort();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public TokenIssuer Tokens => Services.GetRequiredService<TokenIssuer>();

    /// <summary>A client of the real port with a token for <paramref name="token"/>.</summary>
    public HttpClient As(TokenRequest token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(token));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Embedded:DataDirectory", _dataDirectory);
        builder.UseSetting("Seeding:Demo", "false");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class HttpAssertions
{
    public static async Task Ok(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static Task Post(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body).Ok();
}
