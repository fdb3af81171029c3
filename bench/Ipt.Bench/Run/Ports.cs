using System.Net;
using System.Net.Sockets;

namespace Ipt.Bench.Run;

/// <summary>Free loopback ports: other people's servers run on this machine too, so nothing is hard-coded.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
