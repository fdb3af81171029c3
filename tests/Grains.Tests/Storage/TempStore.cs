using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>An embedded store in a fresh temporary folder, deleted when the test ends.</summary>
public sealed class TempStore : IAsyncDisposable
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

    /// <summary>Closes the database files and opens new instances on the same folder, as a restart would.</summary>
    public async Task ReopenAsync()
    {
        await Database.DisposeAsync();
        await AuditLog.DisposeAsync();
        Database = Open();
        AuditLog = OpenAuditLog();
    }

    public static GrainKey NewCase() => GrainKey.Scoped("t-" + Guid.NewGuid().ToString("N")[..8], "case-1");

    /// <summary>A commit of <paramref name="count"/> note events on top of <paramref name="expectedVersion"/>, with a snapshot unless <paramref name="snapshot"/> is false.</summary>
    public static CaseCommit Commit(GrainKey caseKey, long expectedVersion, int count = 1, string note = "note", bool snapshot = true)
    {
        var events = Enumerable.Range(1, count)
            .Select(i => new RecordedEvent(expectedVersion + i, DateTimeOffset.UtcNow, Actor.System, new TestNoteEvent($"{note} {expectedVersion + i}")))
            .ToArray();
        return new CaseCommit(caseKey, expectedVersion, events, snapshot ? Snapshot($"{caseKey.LocalId}@{expectedVersion + count}", expectedVersion + count) : null);
    }

    /// <summary>A minimal case snapshot at <paramref name="version"/> whose id tells which commit wrote it.</summary>
    public static CaseState Snapshot(string caseId, long version = 1) => new()
    {
        CaseId = caseId, ClinicId = "clinic-1", TherapistId = "therapist-1", ClientAlias = "client", Version = version,
    };

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
