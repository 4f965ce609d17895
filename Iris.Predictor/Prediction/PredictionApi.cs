using Iris.Predictor.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Iris.Predictor.Prediction;

public static class PredictionApi
{
    public static RouteGroupBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/predict").WithTags("Prediction");

        api.MapPost("/", Predict)
            .WithName("Predict")
            .WithSummary("Predicts the species of one flower from its four measurements in centimetres.");

        return api;
    }

    public static Results<Ok<IrisPrediction>, ValidationProblem> Predict(
        [FromBody] PredictRequest request, IrisModel model, PredictionHistory history)
    {
        var flower = request.ToMeasurements();
        var prediction = model.Predict(flower);
        history.Record(flower, prediction);
        return TypedResults.Ok(prediction);
    }
}
