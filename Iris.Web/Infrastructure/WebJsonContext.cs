using System.Text.Json;
using System.Text.Json.Serialization;
using Iris.Web.History;
using Iris.Web.Model;
using Iris.Web.Prediction;

namespace Iris.Web.Infrastructure;

/// <summary>Source-generated JSON for the predictor's contract.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MeasurementsForm))]
[JsonSerializable(typeof(SpeciesPrediction))]
[JsonSerializable(typeof(ModelSummary))]
[JsonSerializable(typeof(PredictionSummary))]
public sealed partial class WebJsonContext : JsonSerializerContext;
