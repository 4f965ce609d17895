using System.Globalization;
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

    /// <summary>
    /// A free loopback port below the kernel's ephemeral range, for a server that binds it some time
    /// after asking (a test host that builds first) or is stopped and started again on it: no
    /// outgoing connection can take it as its local port meanwhile.
    /// </summary>
    public static int FreeForRestarts()
    {
        var firstEphemeral = FirstEphemeralPort();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(10_000, firstEphemeral);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"No free loopback port between 10000 and {firstEphemeral}.");
    }

    /// <summary>An address where nothing listens: a backend that is down.</summary>
    public static string Down() => $"http://127.0.0.1:{Free()}";

    private static int FirstEphemeralPort()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range)
            ? int.Parse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
            : 32_768;
    }
}
