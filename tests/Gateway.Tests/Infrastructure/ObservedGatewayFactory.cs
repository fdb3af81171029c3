using Ipt.Cluster.Silo.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway of its own whose logs (gateway and in-process silo, down to Debug) are captured, whose
/// live subscriptions outlive their last connection by a fraction of a second, and whose silo
/// stalls the calls a test asks it to (<see cref="StallingCallFilter"/>), and whose audit store
/// refuses appends while a test asks it to (<see cref="Audit"/>). Its own collection: no other
/// test's requests reach these logs or meet that store failing.
/// </summary>
public sealed class ObservedGatewayFactory() : GatewayFactory(new Dictionary<string, string?> { ["Live:ReleaseAfter"] = "00:00:00.300" }, null)
{
    public LogCapture Logs { get; } = new();

    public SwitchableAuditStore Audit => (SwitchableAuditStore)Services.GetRequiredService<IAuditStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IIncomingGrainCallFilter, StallingCallFilter>();
            var store = services.Single(d => d.ServiceType == typeof(IAuditStore));
            services.Replace(ServiceDescriptor.Singleton<IAuditStore>(sp => new SwitchableAuditStore(
                (IAuditStore)(store.ImplementationInstance ?? store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)))));
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ObservedGatewayCollection : ICollectionFixture<ObservedGatewayFactory>
{
    public const string Name = "observed gateway";
}
