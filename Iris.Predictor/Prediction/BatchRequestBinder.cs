using System.Text.Json;

namespace Iris.Predictor.Prediction;

/// <summary>
/// The full reading of a <c>POST /predict/batch</c> body, for every body <see cref="BatchRequestReader"/>
/// leaves: the framework's JSON reading with the API's options, whose errors reach
/// <see cref="BadRequestExceptionHandler"/> as binding sends them, then the validation attributes of the
/// request and each instance.
/// </summary>
public static class BatchRequestBinder
{
    /// <summary>
    /// The request, read by the framework's own <c>ReadFromJsonAsync</c> from <paramref name="json"/>
    /// as binding reads a body, or a <see cref="BadHttpRequestException"/> as binding throws it for a
    /// body that is absent, null or not a batch.
    /// </summary>
    public static async Task<BatchPredictRequest> BindAsync(HttpRequest request, ReadOnlyMemory<byte> json, JsonSerializerOptions options)
    {
        BatchPredictRequest? batch = null;
        if (!json.IsEmpty)
        {
            request.Body = new MemoryStream(json.ToArray(), writable: false);
            try
            {
                batch = await request.ReadFromJsonAsync<BatchPredictRequest>(options, request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                throw new BadHttpRequestException($"Failed to read parameter \"{nameof(BatchPredictRequest)} request\" from the request body as JSON.", ex);
            }
        }
        return batch ?? throw new BadHttpRequestException($"Required parameter \"{nameof(BatchPredictRequest)} request\" was not provided from body.");
    }

    /// <summary>Every broken rule, keyed by C# member path (<c>Instances[3].SepalLength</c>) as the framework's validation keys them.</summary>
    public static Dictionary<string, string[]> Validate(BatchPredictRequest request)
    {
        var errors = AttributeValidation.Errors(request);
        if (request.Instances is { } instances)
        {
            for (var i = 0; i < instances.Count; i++)
            {
                AttributeValidation.Collect(instances[i], $"{nameof(BatchPredictRequest.Instances)}[{i}].", errors);
            }
        }
        return errors;
    }
}
