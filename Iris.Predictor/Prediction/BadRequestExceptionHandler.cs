using System.Text.Json;
using Iris.Predictor.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;

namespace Iris.Predictor.Prediction;

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

    // The fields of the request types, as their JSON contracts name them.
    private static readonly HashSet<string> KnownFields =
    [
        .. PredictionJsonContext.Default.PredictRequest.Properties.Select(property => property.Name),
        .. PredictionJsonContext.Default.BatchPredictRequest.Properties.Select(property => property.Name),
    ];

    /// <summary>
    /// What was wrong, told by the exceptions' types and the JSON path, never by their messages (which
    /// a .NET update may reword): the serializer wraps a syntax error from its reader and a token it
    /// cannot read as a number, and throws a bare <see cref="JsonException"/> for a field that is not
    /// in the contract, for a known field given twice, and for a body that is not an object.
    /// </summary>
    private static (string Detail, Dictionary<string, string[]> Errors) Describe(BadHttpRequestException badRequest)
    {
        if (badRequest.InnerException is not JsonException json)
        {
            return badRequest.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => ($"Bodies are limited to {RequestBody.MaxText}.", []),
                StatusCodes.Status415UnsupportedMediaType => ("Send the body as application/json.", []),
                // The binding's own exception with no cause: the body is absent or JSON null. (Kestrel's
                // errors reading a body are its own subtype.)
                _ when badRequest.GetType() == typeof(BadHttpRequestException) => ("A JSON body is required.", []),
                _ => ("The body is not valid JSON.", []),
            };
        }

        var field = json.Path is { Length: > 2 } path ? path[2..] : "$";
        var rule = json switch
        {
            // The batch converter's own exceptions already state the rule.
            Prediction.InstanceFormatException => json.Message,
            { InnerException: JsonException } => "is not valid JSON here.",
            { InnerException: InvalidOperationException or FormatException } => WrongType,
            _ when field == "$" => WrongType,
            _ when KnownFields.Contains(FieldName(field)) => "appears more than once.",
            _ => "is not a known field.",
        };
        return ($"{field}: {rule}", new() { [field] = [rule] });
    }

    private const string WrongType = "has the wrong type: measurements are JSON numbers.";

    /// <summary>The last name of a path: <c>instances[2].sepalLength</c> gives <c>sepalLength</c>, <c>instances[0]</c> gives <c>instances</c>.</summary>
    private static string FieldName(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        var index = name.IndexOf('[', StringComparison.Ordinal);
        return index < 0 ? name : name[..index];
    }
}
