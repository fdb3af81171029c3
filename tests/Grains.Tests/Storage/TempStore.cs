using Ipt.Cluster.Persistence;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Embedded;
using Ipt.Cluster.StoreContracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>An embedded store in a fresh temporary folder, deleted when the test ends.</summary>
public sealed class TempStore : IStoresUnderTest
{
    private readonly ServiceProvider _services;
    private readonly int _caseIndexBatch;

    /// <summary>A store whose audit log indexes its records by case every <paramref name="caseIndexBatch"/> appends.</summary>
    public TempStore(int caseIndexBatch = EmbeddedAuditLog.CaseIndexBatch)
    {
        _caseIndexBatch = caseIndexBatch;
        Folder = Path.Combine(Path.GetTempPath(), "ipt-store-test-" + Guid.NewGuid().ToString("N"));
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        Serializer = _services.GetRequiredService<Serializer>();
        Database = Open();
        AuditLog = OpenAuditLog();
    }

    public string Folder { get; }

    public Serializer Serializer { get; }

    public EmbeddedDatabase Database { get; private set; }

    public EmbeddedCaseStore Cases => new(Database, Serializer);

    public EmbeddedGrainStorage Grains => new("test", Database, Serializer);

    public EmbeddedAuditLog AuditLog { get; private set; }

    public EmbeddedAuditStore Audit => new(AuditLog);

    ICaseStore IStoresUnderTest.Cases => Cases;

    IAuditStore IStoresUnderTest.Audit => Audit;

    public long AuditCommits => AuditLog.CommittedBatches;

    /// <summary>Closes the database files and opens new instances on the same folder, as a restart would.</summary>
    public async Task ReopenAsync()
    {
        await Database.DisposeAsync();
        await AuditLog.DisposeAsync();
        Database = Open();
        AuditLog = OpenAuditLog();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await AuditLog.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private EmbeddedDatabase Open() => new(new EmbeddedStoreOptions { DataDirectory = Folder });

    private EmbeddedAuditLog OpenAuditLog() => new(new EmbeddedStoreOptions { DataDirectory = Folder }, _caseIndexBatch);
}
