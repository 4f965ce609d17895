namespace Iris.Web.Prediction;

/// <summary>Either a prediction or a message that says, in words for people, why there is none.</summary>
public sealed record PredictionOutcome(SpeciesPrediction? Prediction, string? Error)
{
    public static PredictionOutcome Success(SpeciesPrediction prediction) => new(prediction, null);

    public static PredictionOutcome Failure(string error) => new(null, error);
}
