using Iris.Predictor.Infrastructure;
using StackExchange.Redis;

namespace Iris.Predictor.History;

/// <summary>
/// Drains the recorder's queue into Redis, merging whatever is waiting into one round trip:
/// one increment per species and one push of the newest entries. While Redis is away the entries
/// are dropped and counted; writing resumes by itself when it returns.
/// </summary>
public sealed class HistoryWriter(PredictionRecorder recorder, PredictionHistory history, PredictorMetrics metrics, ILogger<HistoryWriter> logger)
    : BackgroundService
{
    private const int MaxBatchesPerWrite = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = recorder.Reader;
        var pending = new List<RecordedBatch>();
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            pending.Clear();
            while (pending.Count < MaxBatchesPerWrite && reader.TryRead(out var batch))
            {
                pending.Add(batch);
            }

            try
            {
                await history.WriteAsync(pending);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
            {
                metrics.HistoryDropped(pending.Sum(batch => batch.Count));
                logger.LogWarning("Shared history not written ({Count} predictions dropped): {Reason}", pending.Sum(batch => batch.Count), ex.Message);
                // Let Redis come back before trying again rather than spinning on every entry.
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
        }
    }
}
