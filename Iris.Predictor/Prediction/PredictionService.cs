using System.Diagnostics;
using Iris.Predictor.Caching;
using Iris.Predictor.History;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Iris.Predictor.Scoring;
using Iris.Predictor.Serving;

namespace Iris.Predictor.Prediction;

/// <summary>Scores flowers with the current model, through the cache, and records them in the shared history.</summary>
public sealed class PredictionService(ModelStore models, PredictionCache cache, PredictionRecorder recorder, PredictorMetrics metrics)
{
    public async ValueTask<IrisPrediction> PredictAsync(IrisMeasurements flower)
    {
        var start = Stopwatch.GetTimestamp();
        // Take the model once: a reload during this request does not change the answer's model.
        var prediction = await cache.GetOrPredictAsync(models.Current, flower);
        metrics.Duration(start);
        metrics.Predicted(prediction.Species);
        recorder.Record(flower, prediction);
        return prediction;
    }

    /// <summary>Scores straight through the model: at ~0.2 µs a row no cache lookup pays for itself.</summary>
    public IrisPrediction[] PredictBatch(IReadOnlyList<IrisMeasurements> flowers) => PredictBatch(models.Current, flowers);

    /// <summary>As above with a model the caller already holds: one that a request named by its version.</summary>
    public IrisPrediction[] PredictBatch(IrisModel model, IReadOnlyList<IrisMeasurements> flowers)
    {
        var predictions = model.PredictBatch(flowers);
        foreach (var species in Species.All)
        {
            var count = predictions.Count(prediction => prediction.Species == species);
            if (count > 0)
            {
                metrics.Predicted(species, count);
            }
        }
        recorder.RecordBatch(flowers, predictions);
        return predictions;
    }
}
