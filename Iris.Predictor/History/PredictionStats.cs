namespace Iris.Predictor.History;

/// <summary>How many predictions named each species, across all replicas.</summary>
public sealed record PredictionStats(long Total, IReadOnlyDictionary<string, long> CountsBySpecies);

/// <summary>The counts and the latest predictions as of one moment, for a page that shows both.</summary>
public sealed record PredictionSummary(PredictionStats Stats, IReadOnlyList<RecordedPrediction> Recent);
