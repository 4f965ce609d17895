using Iris.Web.Flowers;

namespace Iris.Web.Prediction;

/// <summary>The predictor's answer for one flower (its <c>POST /predict</c> response).</summary>
public sealed record SpeciesPrediction(
    string Species,
    IReadOnlyDictionary<string, float> Probabilities,
    string ModelVersion,
    IReadOnlyList<string>? Warnings = null)
{
    /// <summary>The botanical name shown to people, e.g. "Iris setosa".</summary>
    public string DisplayName => SpeciesInfo.DisplayName(Species);
}
