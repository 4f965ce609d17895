using System.Text.Json;
using System.Text.Json.Serialization;
using Iris.Predictor.History;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;

namespace Iris.Predictor.Infrastructure;

/// <summary>Source-generated JSON for every type the predictor's own API reads or writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(List<PredictRequest>))]
[JsonSerializable(typeof(BatchPredictRequest))]
[JsonSerializable(typeof(BatchPredictResponse))]
[JsonSerializable(typeof(IrisPrediction))]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(RecordedPrediction))]
[JsonSerializable(typeof(IReadOnlyList<RecordedPrediction>))]
[JsonSerializable(typeof(PredictionStats))]
[JsonSerializable(typeof(PredictionSummary))]
public sealed partial class PredictorJsonContext : JsonSerializerContext;
