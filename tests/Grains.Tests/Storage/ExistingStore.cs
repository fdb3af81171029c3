using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>The embedded store of a folder a stopped silo left behind, opened to look at what it stored; the folder is kept.</summary>
public sealed class ExistingStore(string folder) : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly EmbeddedDatabase _database = new(new EmbeddedStoreOptions { DataDirectory = folder });

    public EmbeddedCaseStore Cases => new(_database, _services.GetRequiredService<Serializer>());

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await _services.DisposeAsync();
    }
}
