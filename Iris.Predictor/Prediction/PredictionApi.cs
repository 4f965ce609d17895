using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Iris.Predictor.Prediction;

public static class PredictionApi
{
    public static RouteGroupBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/predict")
            .WithTags("Prediction")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(ServingProtocol.Iris);

        api.MapPost("/", Predict)
            .WithName("Predict")
            .WithSummary("Predicts the species of one flower from its four measurements in centimetres.")
            .WithDescription("Each measurement must be a finite number greater than 0 and at most 100. " +
                "The answer carries warnings when a measurement lies far outside the training data.");

        api.MapPost("/batch", PredictBatch)
            .WithName("PredictBatch")
            .WithSummary("Predicts the species of up to 1,000 flowers at once.")
            .WithDescription("Instances are objects like those of POST /predict, or arrays " +
                "[sepalLength, sepalWidth, petalLength, petalWidth]; predictions come in the same order.");

        return api;
    }

    public static async Task<Ok<IrisPrediction>> Predict([FromBody] PredictRequest request, PredictionService predictor, PredictorMetrics metrics)
    {
        metrics.BatchScored(ServingProtocol.Iris, 1);
        return TypedResults.Ok(await predictor.PredictAsync(request.ToMeasurements()));
    }

    public static Ok<BatchPredictResponse> PredictBatch([FromBody] BatchPredictRequest request, PredictionService predictor, PredictorMetrics metrics)
    {
        var flowers = request.Instances!.ConvertAll(instance => instance.ToMeasurements());
        metrics.BatchScored(ServingProtocol.Iris, flowers.Count);
        return TypedResults.Ok(new BatchPredictResponse(predictor.PredictBatch(flowers)));
    }
}
