using System.Threading.Channels;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Ipt.Cluster.Security;
using Orleans.Streams;

namespace Ipt.Cluster.Grains.Tests.Live;

/// <summary>
/// A subscriber to one clinic's caseload deltas, as a gateway would subscribe (and, unless told
/// not to, watching the clinic so that it publishes); disposed with the test.
/// </summary>
public sealed class CaseloadStreamProbe : IAsyncDisposable
{
    private readonly Channel<CaseloadDelta> _deltas = Channel.CreateUnbounded<CaseloadDelta>();
    private StreamSubscriptionHandle<CaseloadDelta>? _handle;

    public static async Task<CaseloadStreamProbe> SubscribeAsync(IClusterClient client, string clinicKey, bool watch = true)
    {
        var probe = new CaseloadStreamProbe();
        var stream = client.GetStreamProvider(StreamNames.Provider).GetStream<CaseloadDelta>(StreamId.Create(StreamNames.Caseload, clinicKey));
        probe._handle = await stream.SubscribeAsync((delta, _) => probe._deltas.Writer.WriteAsync(delta).AsTask());
        if (watch) await WatchAsync(client, clinicKey);
        return probe;
    }

    /// <summary>Takes a five-minute watch on the clinic, as a gateway does; returns the caseload's version.</summary>
    public static Task<long> WatchAsync(IClusterClient client, string clinicKey) =>
        CallerContext.RunAs(GrainKey.Parse(clinicKey).Tenant, "probe", Roles.System,
            () => client.GetGrain<IClinicGrain>(clinicKey).WatchCaseloadAsync(TimeSpan.FromMinutes(5)));

    /// <summary>Whether a delta arrived within <paramref name="wait"/>, without taking it.</summary>
    public async Task<bool> AnyWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _deltas.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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
