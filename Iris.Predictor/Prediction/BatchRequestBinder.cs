using System.IO.Pipelines;
using System.Text.Json;

namespace Iris.Predictor.Prediction;

/// <summary>
/// The full reading of a <c>POST /predict/batch</c> body, for every body <see cref="BatchRequestReader"/>
/// leaves: the serializer with the API's options, whose errors reach <see cref="Infrastructure.BadRequestExceptionHandler"/>
/// as the framework's own binding sends them, then the validation attributes of the request and each instance.
/// </summary>
public static class BatchRequestBinder
{
    /// <summary>The request, or a <see cref="BadHttpRequestException"/> for a body that is absent, null or not a batch.</summary>
    public static async Task<BatchPredictRequest> BindAsync(ReadOnlyMemory<byte> json, JsonSerializerOptions options)
    {
        BatchPredictRequest? request = null;
        if (!json.IsEmpty)
        {
            // Through a pipe that is not yet complete, as Kestrel hands the framework's binding a body:
            // the serializer then checks an instance's JSON before the converter reads it, and its
            // errors name the same paths as before this reader existed.
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(json);
            var reading = JsonSerializer.DeserializeAsync<BatchPredictRequest>(pipe.Reader, options);
            await pipe.Writer.CompleteAsync();
            try
            {
                request = await reading;
            }
            catch (JsonException ex)
            {
                throw new BadHttpRequestException($"Failed to read parameter \"{nameof(BatchPredictRequest)} request\" from the request body as JSON.", ex);
            }
        }
        return request ?? throw new BadHttpRequestException($"Required parameter \"{nameof(BatchPredictRequest)} request\" was not provided from body.");
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
