using System.Collections.Concurrent;
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

    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    // Bound and never listening, kept for the life of the test process.
    private static readonly ConcurrentBag<Socket> HeldDown = [];

    /// <summary>
    /// An address where nothing listens, and nothing can for the life of the test process: a backend
    /// that is down. The port stays bound to a socket that never listens, so a connection to it is
    /// refused as by a stopped server, and no server started meanwhile (in another test, or by
    /// another suite running beside this one) can take it, as a port that was merely free could be.
    /// </summary>
    public static string Down()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        // .NET's Bind sets SO_REUSEADDR on Linux, with which a listener could still bind the port; the
        // kernel checks the flag when the other socket binds, so clearing it now is enough.
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(0));
        HeldDown.Add(socket);
        return $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
    }

    private static int FirstEphemeralPort()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range)
            ? int.Parse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
            : 32_768;
    }
}
