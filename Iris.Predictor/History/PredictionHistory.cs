using System.Text.Json;
using Iris.Predictor.Flowers;
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
            .Select(entry => (RedisValue)JsonSerializer.SerializeToUtf8Bytes(entry, HistoryJsonContext.Default.RecordedPrediction))
            .ToArray();

        // One transaction (MULTI/EXEC): a reader sees the counts and the list of the same moment.
        var transaction = redis.GetDatabase().CreateTransaction();
        var writes = merged.Counts.Select(pair => (Task)transaction.HashIncrementAsync(CountsKey, pair.Key, pair.Value)).ToList();
        if (entries.Length > 0)
        {
            writes.Add(transaction.ListLeftPushAsync(RecentKey, entries));
            writes.Add(transaction.ListTrimAsync(RecentKey, 0, MaxRecent - 1));
        }
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("The history transaction was not committed.");
        }
        await Task.WhenAll(writes);
    }

    /// <summary>The latest predictions first, or null when the history is unavailable.</summary>
    public async Task<IReadOnlyList<RecordedPrediction>?> GetRecentAsync(int limit) => (await GetSummaryAsync(limit))?.Recent;

    /// <summary>Counts per species (every species present, zero when never predicted), or null when unavailable.</summary>
    public async Task<PredictionStats?> GetStatsAsync() => (await GetSummaryAsync(recent: 0))?.Stats;

    /// <summary>
    /// The counts and the latest <paramref name="recent"/> predictions as of one moment (read in one
    /// transaction, as they are written), or null when the history is unavailable.
    /// </summary>
    public async Task<PredictionSummary?> GetSummaryAsync(int recent)
    {
        if (redis is not { IsConnected: true })
        {
            return null;
        }

        try
        {
            var transaction = redis.GetDatabase().CreateTransaction();
            var values = recent > 0 ? transaction.ListRangeAsync(RecentKey, 0, recent - 1) : Task.FromResult<RedisValue[]>([]);
            var fields = transaction.HashGetAllAsync(CountsKey);
            if (!await transaction.ExecuteAsync())
            {
                throw new RedisException("The history transaction was not committed.");
            }

            var counts = Species.All.ToDictionary(species => species, _ => 0L);
            foreach (var field in await fields)
            {
                if (counts.ContainsKey(field.Name!))
                {
                    counts[field.Name!] = (long)field.Value;
                }
            }
            IReadOnlyList<RecordedPrediction> latest = [.. (await values)
                .Select(value => JsonSerializer.Deserialize((byte[])value!, HistoryJsonContext.Default.RecordedPrediction))
                .OfType<RecordedPrediction>()];
            return new PredictionSummary(new PredictionStats(counts.Values.Sum(), counts), latest);
        }
        // A transaction that Redis or the client gives up on cancels the commands in it.
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the prediction history from Redis");
            return null;
        }
    }
}
