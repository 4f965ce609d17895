using Iris.Web.Flowers;

namespace Iris.Web.History;

/// <summary>One of the latest predictions of all users (<c>GET /predictions/recent</c>).</summary>
public sealed record RecentPrediction(IrisMeasurements Flower, string Species, float Probability, string ModelVersion, DateTimeOffset PredictedAt)
{
    public string DisplayName => SpeciesInfo.DisplayName(Species);
}

/// <summary>Predictions per species across all users (<c>GET /predictions/stats</c>).</summary>
public sealed record PredictionStats(long Total, IReadOnlyDictionary<string, long> CountsBySpecies);
