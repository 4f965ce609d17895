namespace Iris.Web.Prediction;

/// <summary>
/// Either a prediction for the flower that was asked about, or a message that says, in words for
/// people, why there is none.
/// </summary>
public sealed record PredictionOutcome(FlowerForm Flower, SpeciesPrediction? Prediction, string? Error)
{
    public static PredictionOutcome Success(FlowerForm flower, SpeciesPrediction prediction) => new(flower, prediction, null);

    public static PredictionOutcome Failure(FlowerForm flower, string error) => new(flower, null, error);
}
