namespace Iris.Web.Prediction;

/// <summary>
/// Either a prediction for the flower that was asked about, or a message that says, in words for
/// people, why there is none.
/// </summary>
public sealed record PredictionOutcome(MeasurementsForm Flower, SpeciesPrediction? Prediction, string? Error)
{
    public static PredictionOutcome Success(MeasurementsForm flower, SpeciesPrediction prediction) => new(flower, prediction, null);

    public static PredictionOutcome Failure(MeasurementsForm flower, string error) => new(flower, null, error);
}
