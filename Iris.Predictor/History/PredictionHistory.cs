using System.Text.Json;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Prediction;
using StackExchange.Redis;

namespace Iris.Predictor.History;

/// <summary>
/// Recent predictions and per-species counts, shared by all replicas through Redis.
/// Without Redis (none configured, or unreachable) predictions go on and the history is unavailable.
/// </summary>
public sealed class PredictionHistory(IConnectionMultiplexer? redis, TimeProvider clock, ILogger<PredictionHistory> logger)
{
    public const int MaxRecent = 100;

    private const string RecentKey = "iris:predictions:recent";
    private const string CountsKey = "iris:predictions:counts";

    public bool IsConfigured => redis is not null;

    /// <summary>Records a prediction without waiting for Redis: the response never pays for the history.</summary>
    public void Record(IrisMeasurements flower, IrisPrediction prediction)
    {
        if (redis is not { IsConnected: true })
        {
            return;
        }

        var entry = new RecordedPrediction(
            flower, prediction.Species, prediction.Probabilities[prediction.Species],
            prediction.ModelVersion, clock.GetUtcNow());
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, PredictorJsonContext.Default.RecordedPrediction);

        try
        {
            var db = redis.GetDatabase();
            db.HashIncrement(CountsKey, prediction.Species, 1, CommandFlags.FireAndForget);
            db.ListLeftPush(RecentKey, json, flags: CommandFlags.FireAndForget);
            db.ListTrim(RecentKey, 0, MaxRecent - 1, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not record a prediction in Redis");
        }
    }

    /// <summary>The latest predictions first, or null when the history is unavailable.</summary>
    public async Task<IReadOnlyList<RecordedPrediction>?> GetRecentAsync(int limit)
    {
        if (redis is null)
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
        if (redis is null)
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
