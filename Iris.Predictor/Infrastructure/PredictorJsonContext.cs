using System.Text.Json;
using System.Text.Json.Serialization;
using Iris.Predictor.History;
using Iris.Predictor.Prediction;

namespace Iris.Predictor.Infrastructure;

/// <summary>Source-generated JSON for every type the predictor reads or writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(IrisPrediction))]
[JsonSerializable(typeof(RecordedPrediction))]
[JsonSerializable(typeof(IReadOnlyList<RecordedPrediction>))]
[JsonSerializable(typeof(PredictionStats))]
public sealed partial class PredictorJsonContext : JsonSerializerContext;
