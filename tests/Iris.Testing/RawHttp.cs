using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Iris.Testing;

/// <summary>
/// HTTP/1.1 exactly as given: the request's bytes go over a plain TCP connection untouched, so a test
/// can replay what a real client sent, header for header, and read the answer as that client would.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name);

        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>Sends <paramref name="request"/> whole, then reads the response.</summary>
    public static Task<Response> SendAsync(Uri server, byte[] request) => SendAsync(server, request, pieces: 1, pause: TimeSpan.Zero);

    /// <summary>
    /// Sends <paramref name="request"/> in <paramref name="pieces"/> with a pause after each, as a
    /// client on a slower link does, all of it before reading the response.
    /// </summary>
    public static async Task<Response> SendAsync(Uri server, byte[] request, int pieces, TimeSpan pause)
    {
        // A server that neither answers nor closes fails the test instead of hanging the run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        foreach (var piece in request.Chunk((request.Length + pieces - 1) / pieces))
        {
            await stream.WriteAsync(piece, timeout.Token);
            await stream.FlushAsync(timeout.Token);
            await Task.Delay(pause, timeout.Token);
        }
        return await ReadResponseAsync(stream, timeout.Token);
    }

    /// <summary>A request's bytes from its head (lines joined with CRLF, Host's port filled in) and body.</summary>
    public static byte[] Request(string head, Uri server, ReadOnlySpan<byte> body)
    {
        var text = head.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("{port}", server.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .TrimEnd('\n').Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(text), .. body];
    }

    private static async Task<Response> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reader = new BufferedReader(stream, cancellationToken);
        var statusLine = await reader.ReadLineAsync();
        var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await reader.ReadLineAsync(); line.Length > 0; line = await reader.ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        byte[] body;
        if (headers.TryGetValue("Content-Length", out var length))
        {
            body = await reader.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture));
        }
        else if (headers.GetValueOrDefault("Transfer-Encoding") == "chunked")
        {
            var chunks = new List<byte>();
            for (var size = int.Parse(await reader.ReadLineAsync(), NumberStyles.HexNumber, CultureInfo.InvariantCulture); size > 0;
                 size = int.Parse(await reader.ReadLineAsync(), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            {
                chunks.AddRange(await reader.ReadExactlyAsync(size));
                await reader.ReadLineAsync();
            }
            body = [.. chunks];
        }
        else
        {
            body = [];
        }
        return new Response(status, headers, body);
    }

    private sealed class BufferedReader(Stream stream, CancellationToken cancellationToken)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string> ReadLineAsync()
        {
            var line = new List<byte>();
            while (true)
            {
                var b = await ReadByteAsync();
                if (b == '\n')
                {
                    return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
                }
                line.Add(b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count)
        {
            var bytes = new byte[count];
            for (var i = 0; i < count; i++)
            {
                bytes[i] = await ReadByteAsync();
            }
            return bytes;
        }

        private async ValueTask<byte> ReadByteAsync()
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    throw new EndOfStreamException("The server closed the connection before the response ended.");
                }
            }
            return _buffer[_start++];
        }
    }
}
