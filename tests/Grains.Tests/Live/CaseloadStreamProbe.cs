using System.Threading.Channels;
using Ipt.Cluster.Live;
using Orleans.Streams;

namespace Ipt.Cluster.Grains.Tests.Live;

/// <summary>A subscriber to one clinic's caseload deltas, as a gateway would subscribe; disposed with the test.</summary>
public sealed class CaseloadStreamProbe : IAsyncDisposable
{
    private readonly Channel<CaseloadDelta> _deltas = Channel.CreateUnbounded<CaseloadDelta>();
    private StreamSubscriptionHandle<CaseloadDelta>? _handle;

    public static async Task<CaseloadStreamProbe> SubscribeAsync(IClusterClient client, string clinicKey)
    {
        var probe = new CaseloadStreamProbe();
        var stream = client.GetStreamProvider(StreamNames.Provider).GetStream<CaseloadDelta>(StreamId.Create(StreamNames.Caseload, clinicKey));
        probe._handle = await stream.SubscribeAsync((delta, _) => probe._deltas.Writer.WriteAsync(delta).AsTask());
        return probe;
    }

    /// <summary>The next delta matching <paramref name="match"/>, skipping others; fails after 10 s.</summary>
    public async Task<CaseloadDelta> NextAsync(Func<CaseloadDelta, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var delta = await _deltas.Reader.ReadAsync(timeout.Token);
            if (match(delta)) return delta;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null) await _handle.UnsubscribeAsync();
    }
}
