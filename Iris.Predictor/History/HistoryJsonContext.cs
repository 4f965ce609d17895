using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iris.Predictor.History;

/// <summary>Source-generated JSON for the history's entries in Redis and its answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecordedPrediction))]
[JsonSerializable(typeof(IReadOnlyList<RecordedPrediction>))]
[JsonSerializable(typeof(PredictionStats))]
[JsonSerializable(typeof(PredictionSummary))]
public sealed partial class HistoryJsonContext : JsonSerializerContext;
