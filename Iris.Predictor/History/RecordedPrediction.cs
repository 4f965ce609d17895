using Iris.Predictor.Flowers;

namespace Iris.Predictor.History;

/// <summary>One prediction as every replica shares it through Redis.</summary>
public sealed record RecordedPrediction(
    IrisMeasurements Flower,
    string Species,
    float Probability,
    string ModelVersion,
    DateTimeOffset PredictedAt);
