using System.Globalization;
using System.Text;

namespace Iris.Testing;

/// <summary>
/// A client that sends an oversized body whole before it reads the answer, as most HTTP clients do
/// with a small upload: it must get the 413, not a connection reset by a server that closed with
/// the body still unread.
/// </summary>
public static class OversizedUploads
{
    /// <summary>An 80 KB JSON upload, with a Content-Length or chunked.</summary>
    public static byte[] Request(Uri server, string path, bool chunked, int size = 80 * 1024)
    {
        var body = Encoding.ASCII.GetBytes("{\"instances\":[" + new string(' ', size - 17) + "]}");
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}";
        var head = $"POST {path} HTTP/1.1\nHost: 127.0.0.1:{{port}}\nContent-Type: application/json\n{framing}";
        if (!chunked)
        {
            return RawHttp.Request(head, server, body);
        }
        var chunks = new List<byte>();
        foreach (var chunk in body.Chunk(8 * 1024))
        {
            chunks.AddRange(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            chunks.AddRange(chunk);
            chunks.AddRange("\r\n"u8.ToArray());
        }
        chunks.AddRange("0\r\n\r\n"u8.ToArray());
        return RawHttp.Request(head, server, [.. chunks]);
    }

    /// <summary>
    /// Only the head of an 80 KB upload, with <c>Expect: 100-continue</c>: a client that sends its body
    /// only once the server says it will take it.
    /// </summary>
    public static Task<RawHttp.Response> SendExpectingContinueAsync(Uri server, string path) =>
        RawHttp.SendAsync(server, RawHttp.Request(
            $"POST {path} HTTP/1.1\nHost: 127.0.0.1:{{port}}\nContent-Type: application/json\nContent-Length: {80 * 1024}\nExpect: 100-continue", server, []));

    /// <summary>
    /// Sends it whole, in ten pieces 30 ms apart, then reads the answer: the server has answered and
    /// would have closed long before the last piece, which then meets a reset unless the server drains.
    /// </summary>
    public static Task<RawHttp.Response> SendAsync(Uri server, string path, bool chunked) =>
        RawHttp.SendAsync(server, Request(server, path, chunked), pieces: 10, pause: TimeSpan.FromMilliseconds(30));
}
