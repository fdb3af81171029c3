using Ipt.Cluster.StoreContracts;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>The embedded case store keeps every case store's contract; its group commit is in <see cref="GroupCommitTests"/>.</summary>
public sealed class EmbeddedCaseStoreTests : CaseStoreContract
{
    protected override Task<IStoresUnderTest> OpenAsync() => Task.FromResult<IStoresUnderTest>(new TempStore());
}
