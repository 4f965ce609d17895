using System.Net.Sockets;

namespace Iris.Gateway.Failover;

/// <summary>
/// How the gateway connects to its backends, so that an address that stops answering (a pod that is
/// gone while the gateway still knows its address, a node that died) fails fast, as a connection
/// failure that <see cref="RetryOnConnectionFailure"/> sends to another destination, instead of
/// holding the request until the route's timeout answers 504. .NET waits for a connection, and for an
/// answer on one, as long as the request lets it; the operating system gives up on an unanswered
/// SYN only after about two minutes.
/// </summary>
public static class BackendConnections
{
    /// <summary>
    /// A backend in the cluster accepts a connection within a millisecond. Two seconds allow for one
    /// lost SYN (the kernel sends it again after one second) and leave two more attempts within the
    /// route's 10 s timeout.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A connection whose peer has vanished is closed after this long: data it sent that stays
    /// unacknowledged (TCP_USER_TIMEOUT), or keep-alive probes that go unanswered while it waits for an
    /// answer. A live backend's kernel acknowledges at once, however slow the service itself is.
    /// </summary>
    public static readonly TimeSpan DeadPeerTimeout = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan KeepAliveIdle = TimeSpan.FromSeconds(1);
    private const int KeepAliveProbes = 3;

    // Linux's TCP_USER_TIMEOUT (netinet/tcp.h); .NET has no name for it.
    private const int TcpUserTimeout = 18;

    public static IReverseProxyBuilder ConfigureBackendConnections(this IReverseProxyBuilder proxy) =>
        proxy.ConfigureHttpClient((_, handler) =>
        {
            handler.ConnectTimeout = ConnectTimeout;
            handler.ConnectCallback = ConnectAsync;
        });

    /// <summary>What SocketsHttpHandler does by default (a dual-mode socket, no Nagle), plus the dead-peer detection.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)KeepAliveIdle.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)KeepAliveIdle.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveProbes);
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, BitConverter.GetBytes((int)DeadPeerTimeout.TotalMilliseconds));
            }
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
