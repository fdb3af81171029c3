using Ipt.Cluster.Audit;
using Ipt.Cluster.Silo.Storage;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>The real audit store, made to refuse every append while a test holds <see cref="Fail"/>'s handle.</summary>
public sealed class SwitchableAuditStore(IAuditStore inner) : IAuditStore
{
    private volatile bool _failing;

    /// <summary>Appends fail (as a full disk would) until the handle is disposed.</summary>
    public IDisposable Fail()
    {
        _failing = true;
        return new Restore(this);
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        _failing ? Task.FromException(new IOException("No space left on device")) : inner.AppendAsync(record, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    private sealed class Restore(SwitchableAuditStore store) : IDisposable
    {
        public void Dispose() => store._failing = false;
    }
}
