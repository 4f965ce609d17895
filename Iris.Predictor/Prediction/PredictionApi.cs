using Iris.Predictor.Flowers;
using Iris.Predictor.Telemetry;
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
            .Produces<BatchPredictResponse>()
            .WithSummary("Predicts the species of up to 1,000 flowers at once.")
            .WithDescription("Instances are objects like those of POST /predict, or arrays " +
                "[sepalLength, sepalWidth, petalLength, petalWidth]; predictions come in the same order.");

        return api;
    }

    public static async Task<Results<Ok<IrisPrediction>, ValidationProblem>> Predict([FromBody] PredictRequest request, PredictionService predictor)
    {
        // The rule checked by hand, the attributes asked for their messages only when it is broken:
        // the framework's validation reads them by reflection on every request (BENCHMARKS.md), and
        // RuleAgreementTests holds the two to the same answers.
        if (!request.FollowsTheRules)
        {
            return TypedResults.ValidationProblem(AttributeValidation.Errors(request));
        }
        return TypedResults.Ok(await predictor.PredictAsync(request.ToMeasurements()));
    }

    public static Results<BatchResponseWriter, ValidationProblem> PredictBatch([FromBody] BatchPredictRequest request, PredictionService predictor)
    {
        if (!request.FollowsTheRules)
        {
            return TypedResults.ValidationProblem(request.Errors());
        }
        return new BatchResponseWriter(predictor.PredictBatch(request.Instances!.ConvertAll(instance => instance.ToMeasurements()), ServingProtocol.Iris));
    }
}
