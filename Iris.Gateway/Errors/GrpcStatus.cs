namespace Iris.Gateway.Errors;

/// <summary>
/// The gateway's own refusals, spoken in gRPC to a gRPC client: a trailers-only answer (HTTP 200,
/// <c>grpc-status</c> and <c>grpc-message</c>) instead of an HTTP error status, which a gRPC client
/// would only report as "bad gRPC response".
/// </summary>
public static class GrpcStatus
{
    public const int DeadlineExceeded = 4;
    public const int ResourceExhausted = 8;
    public const int Unavailable = 14;

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The gRPC status for an HTTP status the gateway answers with.</summary>
    public static int For(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => ResourceExhausted,
        StatusCodes.Status504GatewayTimeout => DeadlineExceeded,
        _ => Unavailable,
    };

    public static Task WriteAsync(HttpContext context, int httpStatus, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = For(httpStatus).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
