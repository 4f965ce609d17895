namespace Iris.Predictor.Infrastructure;

/// <summary>Reads a whole request body into memory: Kestrel bounds it at <see cref="Extensions.MaxRequestBodyBytes"/>.</summary>
public static class RequestBody
{
    /// <summary>Throws <see cref="BadHttpRequestException"/> (413) when the body is over the limit.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(HttpRequest request)
    {
        using var body = new MemoryStream(request.ContentLength is > 0 and <= Extensions.MaxRequestBodyBytes ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }
}
