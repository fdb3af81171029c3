using Ipt.Cluster.Persistence;
using Ipt.Cluster.Silo.Storage;

namespace Ipt.Cluster.StoreContracts;

/// <summary>A case store and an audit store on one fresh database, as the contract tests use them.</summary>
public interface IStoresUnderTest : IAsyncDisposable
{
    ICaseStore Cases { get; }

    IAuditStore Audit { get; }

    /// <summary>Transactions the audit store has committed so far: concurrent appends should share them.</summary>
    long AuditCommits { get; }

    /// <summary>Closes the stores and opens new ones on the same database, as a restart would.</summary>
    Task ReopenAsync();
}
