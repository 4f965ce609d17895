using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Iris.Predictor.Infrastructure;

/// <summary>
/// Turns a body that cannot be read (malformed JSON, a string where a number belongs, a wrong
/// content type) into a 4xx problem-details response naming what was wrong, never a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        context.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = badRequest.InnerException is JsonException { Path: { } path }
                    ? $"The body is not valid JSON for this endpoint (at {path})."
                    : badRequest.Message,
            },
        });
    }
}
