using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Iris.Predictor.Infrastructure;

/// <summary>
/// Turns a body that cannot be read (malformed JSON, a string where a number belongs, an unknown or
/// repeated field, a wrong content type, a body over the size limit) into a 4xx problem-details
/// response that names the field and the rule: never a 500, never a stack trace.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (detail, errors) = Describe(badRequest);
        context.Response.StatusCode = badRequest.StatusCode;
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
                _ => "The request body could not be read.",
            },
            Detail = detail,
        };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static (string Detail, Dictionary<string, string[]> Errors) Describe(BadHttpRequestException badRequest)
    {
        if (badRequest.InnerException is not JsonException json)
        {
            return badRequest.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => ($"Bodies are limited to {Extensions.MaxRequestBodyText}.", []),
                StatusCodes.Status415UnsupportedMediaType => ("Send the body as application/json.", []),
                _ when badRequest.Message.Contains("was not provided", StringComparison.Ordinal) => ("A JSON body is required.", []),
                _ => ("The body is not valid JSON.", []),
            };
        }

        var field = json.Path is { Length: > 2 } path ? path[2..] : "$";
        var rule = json.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => "is not a known field.",
            var m when m.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "appears more than once.",
            var m when m.Contains("could not be converted", StringComparison.Ordinal) => "has the wrong type: measurements are JSON numbers.",
            // The batch converter's own messages already state the rule.
            var m when json is Prediction.InstanceFormatException => m,
            _ => "is not valid JSON here.",
        };
        return ($"{field}: {rule}", new() { [field] = [rule] });
    }
}
