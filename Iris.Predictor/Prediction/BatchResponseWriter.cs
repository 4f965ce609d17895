using System.Text.Encodings.Web;
using System.Text.Json;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;

namespace Iris.Predictor.Prediction;

/// <summary>
/// Writes <see cref="BatchPredictResponse"/> straight into the response's pipe with one
/// <see cref="Utf8JsonWriter"/>: the same bytes the serializer writes for it, without its per-object work.
/// </summary>
public sealed class BatchResponseWriter(IReadOnlyList<IrisPrediction> predictions) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    // As the API's serializer options: camelCase names, and quotes kept readable in warnings.
    // Validation off: the structure below is fixed, so checking each token only costs time.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly JsonEncodedText PredictionsName = JsonEncodedText.Encode("predictions");
    private static readonly JsonEncodedText SpeciesName = JsonEncodedText.Encode("species");
    private static readonly JsonEncodedText ProbabilitiesName = JsonEncodedText.Encode("probabilities");
    private static readonly JsonEncodedText ModelVersionName = JsonEncodedText.Encode("modelVersion");
    private static readonly JsonEncodedText WarningsName = JsonEncodedText.Encode("warnings");
    private static readonly JsonEncodedText SetosaName = JsonEncodedText.Encode(Species.Setosa);
    private static readonly JsonEncodedText VersicolorName = JsonEncodedText.Encode(Species.Versicolor);
    private static readonly JsonEncodedText VirginicaName = JsonEncodedText.Encode(Species.Virginica);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        Write(response.BodyWriter);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    private void Write(System.IO.Pipelines.PipeWriter body)
    {
        using var json = new Utf8JsonWriter(body, Options);
        var modelVersion = default(JsonEncodedText);
        string? modelVersionText = null;
        json.WriteStartObject();
        json.WriteStartArray(PredictionsName);
        foreach (var prediction in predictions)
        {
            json.WriteStartObject();
            // The species and the model version repeat on every row: encoded once, not checked for escapes each time.
            json.WriteString(SpeciesName, prediction.Species switch
            {
                Species.Setosa => SetosaName,
                Species.Versicolor => VersicolorName,
                Species.Virginica => VirginicaName,
                var other => JsonEncodedText.Encode(other, Options.Encoder),
            });
            json.WriteStartObject(ProbabilitiesName);
            json.WriteNumber(SetosaName, prediction.Probabilities.Setosa);
            json.WriteNumber(VersicolorName, prediction.Probabilities.Versicolor);
            json.WriteNumber(VirginicaName, prediction.Probabilities.Virginica);
            json.WriteEndObject();
            if (!ReferenceEquals(prediction.ModelVersion, modelVersionText))
            {
                modelVersionText = prediction.ModelVersion;
                modelVersion = JsonEncodedText.Encode(modelVersionText, Options.Encoder);
            }
            json.WriteString(ModelVersionName, modelVersion);
            if (prediction.Warnings is { } warnings)
            {
                json.WriteStartArray(WarningsName);
                foreach (var warning in warnings)
                {
                    json.WriteStringValue(warning);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
