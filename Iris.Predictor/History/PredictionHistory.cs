using System.Text.Json;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using StackExchange.Redis;

namespace Iris.Predictor.History;

/// <summary>
/// Recent predictions (a capped list) and per-species counts, shared by all replicas through Redis.
/// Without Redis (none configured, or unreachable) predictions go on and the history is unavailable.
/// </summary>
public sealed class PredictionHistory(ILogger<PredictionHistory> logger, IConnectionMultiplexer? redis = null)
{
    public const int MaxRecent = 100;

    private const string RecentKey = "iris:predictions:recent";
    private const string CountsKey = "iris:predictions:counts";

    public bool IsConfigured => redis is not null;

    /// <summary>Writes queued predictions in one round trip; throws when Redis is unavailable.</summary>
    public async Task WriteAsync(IReadOnlyList<RecordedBatch> batches)
    {
        if (redis is not { IsConnected: true })
        {
            throw new InvalidOperationException("Redis is not connected.");
        }

        // One count per species and the newest entries (at most the cap), oldest first: LPUSH puts the
        // last value first, so pushing them in this order leaves the newest at the head.
        var merged = RecordedBatch.Merge(batches);
        var entries = merged.Newest
            .Select(entry => (RedisValue)JsonSerializer.SerializeToUtf8Bytes(entry, PredictorJsonContext.Default.RecordedPrediction))
            .ToArray();

        var batchCommands = redis.GetDatabase().CreateBatch();
        var writes = merged.Counts.Select(pair => (Task)batchCommands.HashIncrementAsync(CountsKey, pair.Key, pair.Value)).ToList();
        if (entries.Length > 0)
        {
            writes.Add(batchCommands.ListLeftPushAsync(RecentKey, entries));
            writes.Add(batchCommands.ListTrimAsync(RecentKey, 0, MaxRecent - 1));
        }
        batchCommands.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>The latest predictions first, or null when the history is unavailable.</summary>
    public async Task<IReadOnlyList<RecordedPrediction>?> GetRecentAsync(int limit)
    {
        if (redis is not { IsConnected: true })
        {
            return null;
        }

        try
        {
            var values = await redis.GetDatabase().ListRangeAsync(RecentKey, 0, limit - 1);
            return [.. values
                .Select(value => JsonSerializer.Deserialize((byte[])value!, PredictorJsonContext.Default.RecordedPrediction))
                .OfType<RecordedPrediction>()];
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not read recent predictions from Redis");
            return null;
        }
    }

    /// <summary>Counts per species (every species present, zero when never predicted), or null when unavailable.</summary>
    public async Task<PredictionStats?> GetStatsAsync()
    {
        if (redis is not { IsConnected: true })
        {
            return null;
        }

        try
        {
            var fields = await redis.GetDatabase().HashGetAllAsync(CountsKey);
            var counts = Species.All.ToDictionary(species => species, _ => 0L);
            foreach (var field in fields)
            {
                if (counts.ContainsKey(field.Name!))
                {
                    counts[field.Name!] = (long)field.Value;
                }
            }
            return new PredictionStats(counts.Values.Sum(), counts);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not read prediction counts from Redis");
            return null;
        }
    }
}
