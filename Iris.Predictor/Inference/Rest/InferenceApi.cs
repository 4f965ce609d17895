using Iris.Predictor.Flowers;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;
using Iris.Predictor.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iris.Predictor.Inference.Rest;

/// <summary>
/// The Open Inference Protocol (KServe V2) REST API for the model <c>iris</c>, as the Triton and
/// KServe clients speak it: the body's framing decides, never its Content-Type (tritonclient sends
/// none, kserve application/octet-stream for binary data, curl a form type): JSON, or the binary tensor
/// data extension's JSON header and raw tensors. Errors are <c>{"error":"…"}</c>: 400 for a bad request
/// or framing, 404 for an unknown model or version, 413 for a body over the limit.
/// </summary>
public static class InferenceApi
{
    public const string ServerName = "iris-predictor";

    /// <summary>The protocol extensions this server supports, as server metadata lists them.</summary>
    public static readonly string[] SupportedExtensions = ["binary_tensor_data"];

    public static string ServerVersion { get; } = typeof(InferenceApi).Assembly.GetName().Version?.ToString() ?? "1.0.0";

    public static RouteGroupBuilder MapInferenceApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol (V2)");

        v2.MapGet("/", () => InferenceResults.Json(new ServerMetadata(ServerName, ServerVersion, SupportedExtensions), InferenceJsonContext.Api.ServerMetadata))
            .WithName("V2ServerMetadata").WithSummary("Server metadata.");
        v2.MapGet("/health/live", () => InferenceResults.Json(new ServerLive(true), InferenceJsonContext.Api.ServerLive))
            .WithName("V2ServerLive").WithSummary("The server is live.");
        v2.MapGet("/health/ready", () => InferenceResults.Json(new ServerReady(true), InferenceJsonContext.Api.ServerReady))
            .WithName("V2ServerReady").WithSummary("The server is ready: its model is loaded.");

        MapModelEndpoints(v2.MapGroup("/models/{name}"), nameSuffix: "");
        MapModelEndpoints(v2.MapGroup("/models/{name}/versions/{version}"), nameSuffix: "Version");

        return v2;
    }

    /// <summary>The model's endpoints, under its name alone or with a version (each endpoint named with <paramref name="nameSuffix"/>).</summary>
    private static void MapModelEndpoints(RouteGroupBuilder model, string nameSuffix)
    {
        model.MapGet("", GetModelMetadata).WithName($"V2ModelMetadata{nameSuffix}").WithSummary("Model metadata: inputs and outputs.");
        model.MapGet("/ready", GetModelReady).WithName($"V2ModelReady{nameSuffix}").WithSummary("The model is ready.");
        model.MapPost("/infer", InferAsync).WithName($"V2Infer{nameSuffix}").WithMetadata(ServingProtocol.V2Rest)
            .WithSummary("Inference: input-0 FP32 [N,4] → species BYTES [N], probabilities FP32 [N,3]; JSON or binary tensor data.")
            .Produces(StatusCodes.Status200OK, contentType: InferenceResults.JsonContentType, additionalContentTypes: "application/octet-stream")
            .Produces<InferenceError>(StatusCodes.Status400BadRequest, InferenceResults.JsonContentType)
            .Produces<InferenceError>(StatusCodes.Status404NotFound, InferenceResults.JsonContentType);
    }

    public static Results<JsonHttpResult<ModelMetadataResponse>, JsonHttpResult<InferenceError>> GetModelMetadata(string name, string? version, ModelStore models)
    {
        if (ModelLookup.Find(models, name, version, out var notFound) is not { } model)
        {
            return InferenceResults.Error(StatusCodes.Status404NotFound, notFound!);
        }

        return InferenceResults.Json(new ModelMetadataResponse(
            IrisModel.Name,
            [model.Version],
            IrisTensors.Platform,
            [new TensorMetadata(IrisTensors.InputName, IrisTensors.Fp32, [-1, IrisTensors.Features])],
            [
                new TensorMetadata(IrisTensors.SpeciesOutput, IrisTensors.Bytes, [-1]),
                new TensorMetadata(IrisTensors.ProbabilitiesOutput, IrisTensors.Fp32, [-1, Species.All.Count]),
            ]), InferenceJsonContext.Api.ModelMetadataResponse);
    }

    public static Results<JsonHttpResult<ModelReady>, JsonHttpResult<InferenceError>> GetModelReady(string name, string? version, ModelStore models) =>
        ModelLookup.Find(models, name, version, out var notFound) is null
            ? InferenceResults.Error(StatusCodes.Status404NotFound, notFound!)
            : InferenceResults.Json(new ModelReady(IrisModel.Name, true), InferenceJsonContext.Api.ModelReady);

    public static async Task<Results<InferenceResult, JsonHttpResult<InferenceError>>> InferAsync(string name, string? version, HttpRequest request, ModelStore models, PredictionService predictor)
    {
        // The model found here scores the request, so a reload meanwhile cannot answer for another version.
        if (ModelLookup.Find(models, name, version, out var notFound) is not { } model)
        {
            return InferenceResults.Error(StatusCodes.Status404NotFound, notFound!);
        }

        InferenceCall call;
        try
        {
            call = RestInferenceReader.Read(request, await RequestBody.ReadAllAsync(request));
        }
        catch (InvalidInferenceRequestException ex)
        {
            return InferenceResults.Error(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return InferenceResults.Error(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The body is over the {RequestBody.MaxText} limit."
                : "The body could not be read.");
        }

        var outputs = new InferenceOutputs(predictor.PredictBatch(call.Flowers, ServingProtocol.V2Rest, model));
        return new InferenceResult(call, outputs);
    }

    /// <summary>The outputs, written as the request asked: JSON, or the binary tensor data extension.</summary>
    public sealed class InferenceResult(InferenceCall call, InferenceOutputs outputs) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => RestInferenceWriter.WriteAsync(httpContext.Response, call, outputs);
    }
}
