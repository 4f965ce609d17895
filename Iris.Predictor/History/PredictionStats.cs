namespace Iris.Predictor.History;

/// <summary>How many predictions named each species, across all replicas.</summary>
public sealed record PredictionStats(long Total, IReadOnlyDictionary<string, long> CountsBySpecies);
