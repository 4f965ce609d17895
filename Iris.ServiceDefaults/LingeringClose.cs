using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Lingering close for bodies over the limit (what nginx does). Kestrel refuses an oversized HTTP/1.1
/// body and closes the connection with the rest unread, so the kernel resets it and a client still
/// sending never reads the 413. Here the limit is kept on the body stream instead, with the same
/// <see cref="BadHttpRequestException"/> (413) when it is passed, and once the answer is sent up to
/// <see cref="DrainBytes"/> more of the body are read and dropped before the connection closes, so the
/// client finishes sending and reads its 413. Each request's limit is still whatever the app sets
/// (Kestrel's, a route's); Kestrel itself keeps a hard limit of that plus <see cref="DrainBytes"/>.
/// </summary>
public static class LingeringClose
{
    /// <summary>The most of a refused body read and dropped; a client that sends more meets a closed connection.</summary>
    public const long DrainBytes = 1024 * 1024;

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    /// <summary>Put first in the pipeline, before anything reads a body or sets its limit.</summary>
    public static IApplicationBuilder UseLingeringClose(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var server = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        // Nothing to drain without a body (a GET); HTTP/2 and HTTP/3 refuse a body by resetting its
        // stream, not the connection.
        if (server is null || server.IsReadOnly || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false
            || HttpProtocol.IsHttp2(context.Request.Protocol) || HttpProtocol.IsHttp3(context.Request.Protocol))
        {
            await next(context);
            return;
        }

        var limit = new BodyLimit(server);
        var body = new LimitedBody(context.Request.Body, limit, context.Request.ContentLength);
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);
        context.Request.Body = body;
        // A refused request ends its connection once drained, whatever the client asked for.
        context.Response.OnStarting(() =>
        {
            if (body.Refused)
            {
                context.Response.Headers.Connection = "close";
            }
            return Task.CompletedTask;
        });

        await next(context);

        // A client that waits for "100 Continue" before sending its body, refused before it sent any, has none to drain.
        var waitingToSend = body.NothingRead && context.Request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase);
        if (body.Refused && !waitingToSend && !context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.CompleteAsync();
            await body.DrainAsync(DrainBytes, DrainTime);
        }
    });

    /// <summary>The limit the app sees and sets; Kestrel's own stays <see cref="DrainBytes"/> above it, for the drain.</summary>
    private sealed class BodyLimit : IHttpMaxRequestBodySizeFeature
    {
        private readonly IHttpMaxRequestBodySizeFeature _server;
        private long? _limit;

        public BodyLimit(IHttpMaxRequestBodySizeFeature server)
        {
            _server = server;
            MaxRequestBodySize = server.MaxRequestBodySize;
        }

        public bool IsReadOnly { get; set; }

        public long? MaxRequestBodySize
        {
            get => _limit;
            set
            {
                if (IsReadOnly)
                {
                    throw new InvalidOperationException("The request body has already been read.");
                }
                _limit = value;
                if (!_server.IsReadOnly)
                {
                    _server.MaxRequestBodySize = value + DrainBytes;
                }
            }
        }
    }

    private sealed class LimitedBody(Stream inner, BodyLimit limit, long? contentLength) : Stream
    {
        private long _read;

        public bool Refused { get; private set; }

        public bool NothingRead => _read == 0;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            CheckBeforeReading();
            var count = await inner.ReadAsync(buffer, cancellationToken);
            _read += count;
            CheckRead();
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            CheckBeforeReading();
            var read = inner.Read(buffer, offset, count);
            _read += read;
            CheckRead();
            return read;
        }

        /// <summary>Reads and drops what is left of the body, up to <paramref name="most"/> bytes and <paramref name="time"/>.</summary>
        public async Task DrainAsync(long most, TimeSpan time)
        {
            using var timeout = new CancellationTokenSource(time);
            var buffer = new byte[16 * 1024];
            try
            {
                for (long drained = 0; drained < most;)
                {
                    var count = await inner.ReadAsync(buffer, timeout.Token);
                    if (count == 0)
                    {
                        return;
                    }
                    drained += count;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // The client went away or is too slow: the connection closes as it would have.
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void CheckBeforeReading()
        {
            limit.IsReadOnly = true;
            if (Refused)
            {
                Refuse();
            }
            // As Kestrel does: a declared length over the limit is refused before a byte is read.
            if (_read == 0 && limit.MaxRequestBodySize is { } max && contentLength > max)
            {
                Refuse();
            }
        }

        private void CheckRead()
        {
            if (limit.MaxRequestBodySize is { } max && _read > max)
            {
                Refuse();
            }
        }

        private void Refuse()
        {
            Refused = true;
            throw new BadHttpRequestException($"Request body too large. The max request body size is {limit.MaxRequestBodySize} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
    }
}
