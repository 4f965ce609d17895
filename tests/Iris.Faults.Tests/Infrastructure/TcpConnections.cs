using System.Globalization;

namespace Iris.Faults.Tests.Infrastructure;

public static class TcpConnections
{
    private const string Established = "01";

    /// <summary>
    /// How many TCP connections to <paramref name="port"/> are open on this machine, counted from the
    /// clients' side (<c>/proc/net/tcp</c> and <c>tcp6</c>, where IPv4 loopback can also appear).
    /// </summary>
    public static int EstablishedTo(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(path => File.ReadLines(path).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[3] == Established
                && fields[2].Contains(':') && int.Parse(fields[2][(fields[2].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port);
}
