namespace Iris.Predictor.Prediction;

/// <summary>The answer of <c>POST /predict</c>.</summary>
/// <param name="Species">One of <see cref="Prediction.Species.All"/>.</param>
/// <param name="Probabilities">A probability for each of the three species; they sum to 1.</param>
/// <param name="ModelVersion">The version of the model that scored this flower.</param>
public sealed record IrisPrediction(string Species, IReadOnlyDictionary<string, float> Probabilities, string ModelVersion);
