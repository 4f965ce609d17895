namespace Iris.Predictor.Infrastructure;

/// <summary>The one limit on a request body, over every protocol, and the whole-body read under it.</summary>
public static class RequestBody
{
    /// <summary>No request the predictor accepts needs more: a batch of 1,000 flowers as arrays is a third of it.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary><see cref="MaxBytes"/> as answers state it: "64 KiB".</summary>
    public static readonly string MaxText = $"{MaxBytes / 1024} KiB";

    /// <summary>Throws <see cref="BadHttpRequestException"/> (413) when the body is over the limit.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(HttpRequest request)
    {
        using var body = new MemoryStream(request.ContentLength is > 0 and <= MaxBytes ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }
}
