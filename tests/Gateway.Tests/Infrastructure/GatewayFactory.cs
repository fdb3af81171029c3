using System.Net;
using System.Net.Sockets;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway with its real in-process silo on an embedded store in a temp folder. Tokens are
/// minted by the same issuer the token command uses. Settings may shrink limits for one test class.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;

    public GatewayFactory() : this(new Dictionary<string, string?>(), null) { }

    /// <summary>
    /// A host with <paramref name="settings"/> on top of the test defaults, on <paramref name="clock"/> when
    /// not null, storing in <paramref name="dataDirectory"/> (a new temporary folder when null; a restart
    /// test passes the folder of the host before).
    /// </summary>
    protected GatewayFactory(Dictionary<string, string?> settings, FakeTimeProvider? clock, string? dataDirectory = null)
    {
        _settings = settings;
        Clock = clock;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ipt-gateway-" + Guid.NewGuid().ToString("N"));
    }

    public string DataDirectory { get; }

    /// <summary>The clock of the whole host (gateway and silo) when the test controls time.</summary>
    public FakeTimeProvider? Clock { get; }

    public TokenIssuer Tokens => Services.GetRequiredService<TokenIssuer>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Embedded:DataDirectory", DataDirectory);
        builder.UseSetting("Seeding:Demo", "false");
        // A clinic publishes from its first moment only while a gateway watches it: the live tests show the gateway does.
        builder.UseSetting("Live:ClinicWatch:Grace", "00:00:00");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (Clock is { } clock)
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
    }

    public Task InitializeAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
