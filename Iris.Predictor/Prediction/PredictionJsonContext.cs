using System.Text.Json;
using System.Text.Json.Serialization;
using Iris.Predictor.Flowers;

namespace Iris.Predictor.Prediction;

/// <summary>Source-generated JSON for what the own API reads and writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(List<PredictRequest>))]
[JsonSerializable(typeof(BatchPredictRequest))]
[JsonSerializable(typeof(BatchPredictResponse))]
[JsonSerializable(typeof(IrisPrediction))]
public sealed partial class PredictionJsonContext : JsonSerializerContext;
