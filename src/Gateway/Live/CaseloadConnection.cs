using System.Threading.Channels;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>
/// One browser's feed: a bounded channel the hub writes to and the SSE response reads from. The
/// hub never waits on it: when the channel is full the browser is too slow, and it is cut off
/// rather than allowed to hold up the other connections.
/// </summary>
public sealed class CaseloadConnection
{
    /// <summary>Frames a connection may fall behind by before it is disconnected.</summary>
    public const int Capacity = 256;

    private readonly Channel<LiveFrame> _frames = Channel.CreateBounded<LiveFrame>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<LiveFrame> Frames => _frames.Reader;

    /// <summary>True once the hub cut the connection off for falling behind.</summary>
    public bool TooSlow { get; private set; }

    /// <summary>Queues a frame; false (and the connection is closed) when the browser has fallen too far behind.</summary>
    internal bool Offer(LiveFrame frame)
    {
        if (_frames.Writer.TryWrite(frame)) return true;
        TooSlow = true;
        _frames.Writer.TryComplete();
        return false;
    }

    internal void Close() => _frames.Writer.TryComplete();
}
