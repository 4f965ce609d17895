using Iris.Web.Flowers;

namespace Iris.Web.History;

/// <summary>One of the latest predictions of all users.</summary>
public sealed record RecentPrediction(IrisMeasurements Flower, string Species, float Probability, string ModelVersion, DateTimeOffset PredictedAt)
{
    public string DisplayName => SpeciesInfo.DisplayName(Species);
}

/// <summary>Predictions per species across all users.</summary>
public sealed record PredictionStats(long Total, IReadOnlyDictionary<string, long> CountsBySpecies);

/// <summary>The counts and the latest predictions as of one moment (<c>GET /predictions/summary</c>).</summary>
public sealed record PredictionSummary(PredictionStats Stats, IReadOnlyList<RecentPrediction> Recent);
