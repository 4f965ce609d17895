using StackExchange.Redis;

namespace Iris.Predictor.History;

/// <summary>
/// Drains the recorder's queue into Redis, merging whatever is waiting into one round trip:
/// one increment per species and one push of the newest entries. While Redis is away (not yet
/// connected at start-up, or down) the entries are held, folded into one batch so that memory stays
/// bounded however long the outage lasts, and written when it returns.
/// </summary>
public sealed class HistoryWriter(PredictionRecorder recorder, PredictionHistory history, ILogger<HistoryWriter> logger)
    : BackgroundService
{
    private const int MaxBatchesPerWrite = 1_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = recorder.Reader;
        var unwritten = new List<RecordedBatch>();
        var failing = false;
        while (unwritten.Count > 0 || await reader.WaitToReadAsync(stoppingToken))
        {
            while (unwritten.Count < MaxBatchesPerWrite && reader.TryRead(out var batch))
            {
                unwritten.Add(batch);
            }

            try
            {
                await history.WriteAsync(unwritten);
                if (failing)
                {
                    logger.LogInformation("Shared history written again ({Count} held predictions)", unwritten.Sum(batch => batch.Count));
                    failing = false;
                }
                unwritten.Clear();
            }
            // A transaction that Redis or the client gives up on cancels its commands: held, as any failed write.
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                if (!failing)
                {
                    logger.LogWarning("Shared history not written, holding predictions until Redis is back: {Reason}", ex.Message);
                    failing = true;
                }
                var merged = RecordedBatch.Merge(unwritten);
                unwritten.Clear();
                unwritten.Add(merged);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }
}
