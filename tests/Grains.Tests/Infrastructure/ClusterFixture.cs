using Ipt.Cluster.Silo.Hosting;
using Orleans.TestingHost;

namespace Ipt.Cluster.Grains.Tests.Infrastructure;

/// <summary>One in-process silo on the embedded store, shared by a test collection; tests use fresh keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ipt-grains-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await StartAsync(DataDirectory);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Starts a one-silo cluster whose embedded store lives in <paramref name="dataDirectory"/>.</summary>
    public static async Task<TestCluster> StartAsync(string dataDirectory)
    {
        var builder = new TestClusterBuilder(1);
        builder.Properties["Storage:Embedded:DataDirectory"] = dataDirectory;
        // No publishing on activation alone: the live tests must show that watching is what makes a clinic publish.
        builder.Properties["Live:ClinicWatch:Grace"] = "00:00:00";
        builder.AddSiloBuilderConfigurator<IptSiloConfigurator>();
        builder.AddClientBuilderConfigurator<IptClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class IptSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddIptSilo(siloBuilder.Configuration);
    }

    private sealed class IptClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddIptStreams();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
