using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// A backend that reads each request and drops the connection without answering, as a process that
/// dies mid-request does, and counts the requests it saw by their request line ("POST /predict").
/// </summary>
public sealed class DroppingBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _accepting;

    public DroppingBackend()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many requests arrived with this method and path.</summary>
    public int Seen(string method, string path) => _requests.Count(line => line.StartsWith($"{method} {path} ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = DropAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task DropAsync(TcpClient client)
    {
        using var _ = client;
        var buffer = new byte[8 * 1024];
        try
        {
            var read = await client.GetStream().ReadAsync(buffer, _stop.Token);
            var text = Encoding.ASCII.GetString(buffer, 0, read);
            if (text.IndexOf("\r\n", StringComparison.Ordinal) is > 0 and var end)
            {
                _requests.Enqueue(text[..end]);
            }
            // Reset rather than close: the request is lost mid-flight.
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The gateway gave up first.
        }
    }
}
