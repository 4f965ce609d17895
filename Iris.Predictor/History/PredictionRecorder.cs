using System.Threading.Channels;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Iris.Predictor.Telemetry;

namespace Iris.Predictor.History;

/// <summary>
/// Takes predictions off the request path into a bounded queue for <see cref="HistoryWriter"/>.
/// Never blocks and never fails a response: when the queue is full (the writer is behind) the oldest entries are dropped and counted.
/// </summary>
public sealed class PredictionRecorder(PredictionHistory history, TimeProvider clock, PredictorMetrics metrics)
{
    public const int Capacity = 10_000;

    private readonly Channel<RecordedBatch> _queue = Channel.CreateBounded<RecordedBatch>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        dropped => metrics.HistoryDropped(dropped.Count));

    public ChannelReader<RecordedBatch> Reader => _queue.Reader;

    public void Record(IrisMeasurements flower, IrisPrediction prediction)
    {
        if (history.IsConfigured)
        {
            _queue.Writer.TryWrite(RecordedBatch.Of([flower], [prediction], clock.GetUtcNow()));
        }
    }

    /// <summary>A batch is one queue entry: its counts, and only the rows that can still be among the most recent.</summary>
    public void RecordBatch(IReadOnlyList<IrisMeasurements> flowers, IReadOnlyList<IrisPrediction> predictions)
    {
        if (history.IsConfigured && predictions.Count > 0)
        {
            _queue.Writer.TryWrite(RecordedBatch.Of(flowers, predictions, clock.GetUtcNow()));
        }
    }
}

/// <summary>Predictions made together: how many of each species, and the newest of them, oldest first.</summary>
public sealed record RecordedBatch(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<RecordedPrediction> Newest)
{
    public int Count => (int)Counts.Values.Sum();

    public static RecordedBatch Of(IReadOnlyList<IrisMeasurements> flowers, IReadOnlyList<IrisPrediction> predictions, DateTimeOffset at)
    {
        var counts = new Dictionary<string, long>(3);
        foreach (var prediction in predictions)
        {
            counts[prediction.Species] = counts.GetValueOrDefault(prediction.Species) + 1;
        }

        var first = Math.Max(0, predictions.Count - PredictionHistory.MaxRecent);
        var newest = new RecordedPrediction[predictions.Count - first];
        for (var i = first; i < predictions.Count; i++)
        {
            var prediction = predictions[i];
            newest[i - first] = new RecordedPrediction(flowers[i], prediction.Species,
                prediction.Probabilities[prediction.Species], prediction.ModelVersion, at);
        }
        return new RecordedBatch(counts, newest);
    }

    /// <summary>One batch that counts everything in <paramref name="batches"/> and keeps only the newest entries.</summary>
    public static RecordedBatch Merge(IReadOnlyList<RecordedBatch> batches)
    {
        var counts = new Dictionary<string, long>(3);
        var newest = new Queue<RecordedPrediction>(PredictionHistory.MaxRecent);
        foreach (var batch in batches)
        {
            foreach (var (species, count) in batch.Counts)
            {
                counts[species] = counts.GetValueOrDefault(species) + count;
            }
            foreach (var entry in batch.Newest)
            {
                if (newest.Count == PredictionHistory.MaxRecent)
                {
                    newest.Dequeue();
                }
                newest.Enqueue(entry);
            }
        }
        return new RecordedBatch(counts, [.. newest]);
    }
}
