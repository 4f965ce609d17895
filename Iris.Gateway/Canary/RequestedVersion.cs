using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Iris.Gateway.Failover;

namespace Iris.Gateway.Canary;

/// <summary>
/// The model version an Open Inference Protocol request names, if any: the <c>versions/{version}</c>
/// segment of a V2 REST path, or the <c>model_version</c> field of a gRPC <c>ModelInfer</c>,
/// <c>ModelMetadata</c> or <c>ModelReady</c> message. <see cref="CanarySplit"/> sends such a request to a
/// destination that serves that version when one does.
/// </summary>
public sealed record RequestedVersion(string Version);

public static class RequestedVersionExtensions
{
    private const string V2ModelsPrefix = "/v2/models/";
    private const string GrpcServicePrefix = "/inference.GRPCInferenceService/";

    // A gRPC frame's header (compressed flag, big-endian length) and the start of the message: the name and
    // the version are its fields 1 and 2, which protobuf's serializers write first.
    private const int GrpcFrameHeaderLength = 5;
    private const int PeekLength = GrpcFrameHeaderLength + 512;

    /// <summary>Sets the <see cref="RequestedVersion"/> feature before load balancing, for requests that name a version.</summary>
    public static IReverseProxyApplicationBuilder UseRequestedVersion(this IReverseProxyApplicationBuilder proxy)
    {
        // Not async on the way most requests take, so that they pay for no state machine (nor, with a
        // RequestDelegate for next, for a closure).
        proxy.Use((HttpContext context, RequestDelegate next) =>
        {
            var path = context.Request.Path.Value ?? "";
            // As YARP's and the predictor's routes match: whatever the case.
            if (path.StartsWith(V2ModelsPrefix, StringComparison.OrdinalIgnoreCase))
            {
                Set(context, InRestPath(path));
            }
            else if (path.StartsWith(GrpcServicePrefix, StringComparison.OrdinalIgnoreCase) && NamesAVersion(path.AsSpan(GrpcServicePrefix.Length)))
            {
                return ReadGrpcMessageAsync(context, next);
            }
            return next(context);
        });
        return proxy;
    }

    private static async Task ReadGrpcMessageAsync(HttpContext context, RequestDelegate next)
    {
        Set(context, await InGrpcMessageAsync(context.Request));
        await next(context);
    }

    private static void Set(HttpContext context, string? version)
    {
        if (version is not null)
        {
            context.Features.Set(new RequestedVersion(version));
        }
    }

    /// <summary><c>/v2/models/{name}/versions/{version}[/ready|/infer]</c>, as Kestrel decoded it.</summary>
    public static string? InRestPath(string path)
    {
        var segments = path.AsSpan(V2ModelsPrefix.Length);
        var name = segments.IndexOf('/');
        if (name < 0 || !segments[(name + 1)..].StartsWith("versions/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var version = segments[(name + 1 + "versions/".Length)..];
        var end = version.IndexOf('/');
        version = end < 0 ? version : version[..end];
        return version.IsEmpty ? null : version.ToString();
    }

    private static bool NamesAVersion(ReadOnlySpan<char> method) =>
        method.Equals("ModelInfer", StringComparison.OrdinalIgnoreCase) || method.Equals("ModelMetadata", StringComparison.OrdinalIgnoreCase)
        || method.Equals("ModelReady", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the first bytes of the body, kept for the forwarding that follows. A compressed message, or one
    /// whose first fields are not the name and the version, names none here: it is shared like any other.
    /// </summary>
    private static async Task<string?> InGrpcMessageAsync(HttpRequest request)
    {
        // The body is kept as the retry keeps it: whichever buffers first sets the threshold.
        request.EnableBuffering(RetryOnConnectionFailure.BufferThreshold);
        var buffer = ArrayPool<byte>.Shared.Rent(PeekLength);
        try
        {
            var read = await request.Body.ReadAtLeastAsync(buffer.AsMemory(0, PeekLength), PeekLength, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
            return InGrpcFrame(buffer, read);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The body could not be read: forwarding meets the same fault and answers it as it always does.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            request.Body.Position = 0;
        }
    }

    public static string? InGrpcFrame(byte[] frame, int length)
    {
        if (length < GrpcFrameHeaderLength || frame[0] != 0)
        {
            return null;
        }
        var messageLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)), (uint)(length - GrpcFrameHeaderLength));
        var message = new CodedInputStream(frame, GrpcFrameHeaderLength, messageLength);
        try
        {
            for (var tag = message.ReadTag(); tag != 0; tag = message.ReadTag())
            {
                if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
                {
                    return null;
                }
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1:
                        message.SkipLastField();
                        break;
                    case 2:
                        return message.ReadString() is { Length: > 0 } version ? version : null;
                    default:
                        return null;
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Cut off within the peeked bytes, or not protobuf at all.
        }
        return null;
    }
}
