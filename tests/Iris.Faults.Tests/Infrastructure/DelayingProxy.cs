using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Iris.Faults.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on a loopback port in front of a real service that holds back everything the
/// service sends for <see cref="Delay"/>: a slow backend whose slowness can be switched on and off.
/// A connection its client closes is closed on the service's side too. It notes which requests (by
/// <see cref="SteadyLoad.RequestHeader"/>) had their answers held.
/// </summary>
public sealed class DelayingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentDictionary<int, bool> _held = new();
    private long _delayTicks;

    public DelayingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>How long each piece of the service's answer is held; zero passes it at once (and releases what is held).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>The requests whose answers arrived while <see cref="Delay"/> was on, so were held.</summary>
    public IReadOnlyCollection<int> HeldRequests => [.. _held.Keys];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(RelayAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        await Task.WhenAll(connections);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var service = new TcpClient();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            await service.ConnectAsync(IPAddress.Loopback, _targetPort, connection.Token);
            // HTTP/1.1 without pipelining: an answer belongs to the last request sent on its connection.
            var current = new StrongBox<int>();
            var requests = CopyAsync(client.GetStream(), service.GetStream(), held: false, current, connection.Token);
            var answers = CopyAsync(service.GetStream(), client.GetStream(), held: true, current, connection.Token);
            // Either side closing ends the connection for both.
            await Task.WhenAny(requests, answers);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            // The service is down or the proxy is stopping.
        }
        finally
        {
            await connection.CancelAsync();
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, bool held, StrongBox<int> current, CancellationToken cancellation)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellation)) > 0)
            {
                if (!held && RequestNumber(buffer.AsSpan(0, read)) is { } number)
                {
                    Volatile.Write(ref current.Value, number);
                }
                if (held && Delay > TimeSpan.Zero)
                {
                    _held.TryAdd(Volatile.Read(ref current.Value), true);
                }
                if (held)
                {
                    var arrived = DateTime.UtcNow;
                    while (DateTime.UtcNow - arrived < Delay)
                    {
                        await Task.Delay(20, cancellation);
                    }
                }
                await to.WriteAsync(buffer.AsMemory(0, read), cancellation);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The other side closed.
        }
    }

    /// <summary>The number in a request's <see cref="SteadyLoad.RequestHeader"/>, when this piece holds it.</summary>
    private static int? RequestNumber(ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetString(data);
        var at = text.IndexOf(SteadyLoad.RequestHeader + ":", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }
        var start = at + SteadyLoad.RequestHeader.Length + 1;
        var end = text.IndexOf('\r', start);
        return end > start && int.TryParse(text.AsSpan(start, end - start).Trim(), CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
