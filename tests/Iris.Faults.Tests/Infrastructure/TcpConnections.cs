using System.Globalization;

namespace Iris.Faults.Tests.Infrastructure;

public static class TcpConnections
{
    private const string Established = "01";

    // 127.0.0.1 as /proc writes it: four bytes in host (little-endian) order, also at the end of an IPv4-mapped IPv6 address.
    private const string Loopback = "0100007F";

    /// <summary>
    /// How many TCP connections to 127.0.0.1:<paramref name="port"/> are open on this machine, counted
    /// from the clients' side (<c>/proc/net/tcp</c>, and <c>tcp6</c> for dual-mode sockets).
    /// </summary>
    public static int EstablishedTo(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(path => File.ReadLines(path).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[3] == Established && IsLoopbackPort(fields[2], port));

    private static bool IsLoopbackPort(string address, int port)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && address[..colon].EndsWith(Loopback, StringComparison.Ordinal)
            && int.Parse(address[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port;
    }
}
