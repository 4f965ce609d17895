using System.Net;
using System.Net.Sockets;

namespace Iris.Testing;

public static class LoopbackPort
{
    /// <summary>A loopback port that nothing listens on at the moment of asking.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An address where nothing listens: a backend that is down.</summary>
    public static string Down() => $"http://127.0.0.1:{Free()}";
}
