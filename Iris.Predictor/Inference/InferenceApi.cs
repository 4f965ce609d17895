using System.Text.Json;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;

namespace Iris.Predictor.Inference;

/// <summary>
/// The Open Inference Protocol (KServe V2) REST API for the model <c>iris</c>, so that any KServe or
/// Triton V2 client can call Iris. Errors are <c>{"error":"…"}</c>: 400 for a bad request, 404 for an
/// unknown model or version, as the protocol says.
/// </summary>
public static class InferenceApi
{
    public const string ModelName = "iris";
    public const string ServerName = "iris-predictor";

    public static RouteGroupBuilder MapInferenceApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol (V2)");

        v2.MapGet("/", () => TypedResults.Json(
                new ServerMetadata(ServerName, typeof(InferenceApi).Assembly.GetName().Version?.ToString() ?? "1.0.0", []),
                InferenceJsonContext.Api.ServerMetadata))
            .WithName("V2ServerMetadata").WithSummary("Server metadata.");
        v2.MapGet("/health/live", () => TypedResults.Json(new ServerLive(true), InferenceJsonContext.Api.ServerLive))
            .WithName("V2ServerLive").WithSummary("The server is live.");
        v2.MapGet("/health/ready", () => TypedResults.Json(new ServerReady(true), InferenceJsonContext.Api.ServerReady))
            .WithName("V2ServerReady").WithSummary("The server is ready: its model is loaded.");

        foreach (var prefix in new[] { "/models/{name}", "/models/{name}/versions/{version}" })
        {
            var suffix = prefix.Contains("versions") ? "Version" : "";
            v2.MapGet(prefix, GetModelMetadata).WithName($"V2ModelMetadata{suffix}").WithSummary("Model metadata: inputs and outputs.");
            v2.MapGet($"{prefix}/ready", GetModelReady).WithName($"V2ModelReady{suffix}").WithSummary("The model is ready.");
            v2.MapPost($"{prefix}/infer", InferAsync).WithName($"V2Infer{suffix}")
                .WithSummary("Inference: input-0 FP32 [N,4] → species BYTES [N], probabilities FP32 [N,3].")
                .Produces<InferenceResponse>()
                .Produces<InferenceError>(StatusCodes.Status400BadRequest)
                .Produces<InferenceError>(StatusCodes.Status404NotFound);
        }

        return v2;
    }

    public static IResult GetModelMetadata(string name, string? version, ModelStore models)
    {
        var model = models.Current;
        if (FindModel(name, version, model) is { } notFound)
        {
            return notFound;
        }

        return TypedResults.Json(new ModelMetadataResponse(
            ModelName,
            [model.Version],
            "mlnet",
            [new TensorMetadata(InferenceRequestReader.InputName, "FP32", [-1, 4])],
            [
                new TensorMetadata(InferenceRequestReader.SpeciesOutput, "BYTES", [-1]),
                new TensorMetadata(InferenceRequestReader.ProbabilitiesOutput, "FP32", [-1, Species.All.Count]),
            ]), InferenceJsonContext.Api.ModelMetadataResponse);
    }

    public static IResult GetModelReady(string name, string? version, ModelStore models) =>
        FindModel(name, version, models.Current)
            ?? TypedResults.Json(new ModelReady(ModelName, true), InferenceJsonContext.Api.ModelReady);

    public static async Task<IResult> InferAsync(string name, string? version, HttpRequest request, ModelStore models, PredictionService predictor)
    {
        var model = models.Current;
        if (FindModel(name, version, model) is { } notFound)
        {
            return notFound;
        }
        if (!request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType,
                "Send the request as application/json; the binary tensor data extension is not supported.");
        }

        InferenceRequestReader.Parsed parsed;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
            parsed = InferenceRequestReader.Read(body.RootElement);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
        catch (InvalidInferenceRequestException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return Error(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The body is over the 64 KiB limit."
                : "The body could not be read.");
        }

        var predictions = predictor.PredictBatch(parsed.Flowers);
        var outputs = parsed.Outputs.Select(output => output == InferenceRequestReader.SpeciesOutput
            ? new OutputTensor(output, "BYTES", [predictions.Length], predictions.Select(p => p.Species).ToArray())
            : new OutputTensor(output, "FP32", [predictions.Length, Species.All.Count], predictions.SelectMany(p => p.Probabilities.ToArray()).ToArray()))
            .ToList();

        return TypedResults.Json(new InferenceResponse(ModelName, predictions[0].ModelVersion, parsed.Id, outputs),
            InferenceJsonContext.Api.InferenceResponse);
    }

    private static IResult? FindModel(string name, string? version, IrisModel model)
    {
        if (name != ModelName)
        {
            return Error(StatusCodes.Status404NotFound, $"Unknown model '{name}'; this server serves '{ModelName}'.");
        }
        if (version is not null && version != model.Version)
        {
            return Error(StatusCodes.Status404NotFound, $"Model '{ModelName}' has no version '{version}'; the served version is '{model.Version}'.");
        }
        return null;
    }

    private static IResult Error(int status, string message) =>
        TypedResults.Json(new InferenceError(message), InferenceJsonContext.Api.InferenceError, statusCode: status);
}
