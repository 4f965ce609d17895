using System.Diagnostics;
using Iris.Predictor.Caching;
using Iris.Predictor.Flowers;
using Iris.Predictor.History;
using Iris.Predictor.Model;
using Iris.Predictor.Telemetry;

namespace Iris.Predictor.Prediction;

/// <summary>
/// Scores flowers with the current model, records them in the shared history and measures them: the
/// one place every protocol's predictions pass, so what was predicted is counted here and only here.
/// </summary>
public sealed class PredictionService(ModelStore models, PredictionCache cache, PredictionRecorder recorder, PredictorMetrics metrics)
{
    /// <summary>One flower of the own API, through the cache.</summary>
    public async ValueTask<IrisPrediction> PredictAsync(IrisMeasurements flower)
    {
        var start = Stopwatch.GetTimestamp();
        // Take the model once: a reload during this request does not change the answer's model.
        var prediction = await cache.GetOrPredictAsync(models.Current, flower);
        metrics.Scored(ServingProtocol.Iris, prediction.ModelVersion, [prediction], start);
        recorder.Record(flower, prediction);
        return prediction;
    }

    /// <summary>
    /// Scores straight through <paramref name="model"/> (the current one unless a request named its
    /// version): for the smallest models no cache lookup pays for itself (see <see cref="PredictionCache"/>).
    /// </summary>
    public IrisPrediction[] PredictBatch(IReadOnlyList<IrisMeasurements> flowers, ServingProtocol protocol, IrisModel? model = null)
    {
        var start = Stopwatch.GetTimestamp();
        var scoring = model ?? models.Current;
        var predictions = scoring.PredictBatch(flowers);
        metrics.Scored(protocol, scoring.Version, predictions, start);
        recorder.RecordBatch(flowers, predictions);
        return predictions;
    }
}
