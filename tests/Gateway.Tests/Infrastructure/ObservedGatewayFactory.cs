using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway of its own whose logs (gateway and in-process silo, down to Debug) are captured, whose
/// live subscriptions outlive their last connection by a fraction of a second, and whose silo
/// stalls the calls a test asks it to (<see cref="StallingCallFilter"/>). Its own collection: no
/// other test's requests reach these logs.
/// </summary>
public sealed class ObservedGatewayFactory() : GatewayFactory(new Dictionary<string, string?> { ["Live:ReleaseAfter"] = "00:00:00.300" }, null)
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Debug));
        builder.ConfigureTestServices(services => services.AddSingleton<IIncomingGrainCallFilter, StallingCallFilter>());
    }
}

[CollectionDefinition(Name)]
public sealed class ObservedGatewayCollection : ICollectionFixture<ObservedGatewayFactory>
{
    public const string Name = "observed gateway";
}
