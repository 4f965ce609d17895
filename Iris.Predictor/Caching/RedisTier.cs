using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iris.Predictor.Caching;

/// <summary>
/// The shared tier: predictions in Redis, seen by every replica. Reads time themselves for the
/// <see cref="CachePolicy"/>; writes go through a bounded queue that a background loop drains, so
/// a response never waits for Redis and a full queue drops the oldest entries instead of blocking.
/// </summary>
public sealed class RedisTier(
    CachePolicy policy,
    IOptions<PredictionCacheOptions> options,
    ILogger<RedisTier> logger,
    IConnectionMultiplexer? redis = null)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Channel<(CacheKey Key, IrisPrediction Prediction)> _writes =
        Channel.CreateBounded<(CacheKey, IrisPrediction)>(new BoundedChannelOptions(10_000)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

    public bool IsAvailable => redis is { IsConnected: true };

    public async ValueTask<IrisPrediction?> TryGetAsync(CacheKey key)
    {
        if (redis is not { IsConnected: true })
        {
            return null;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key.ToRedisKey()).WaitAsync(ReadTimeout);
            policy.RedisRoundTrip.AddSince(start);
            return value.IsNull ? null : JsonSerializer.Deserialize((byte[])value!, PredictorJsonContext.Default.IrisPrediction);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            // A slow or failing Redis makes itself expensive, and the policy takes it off the path.
            policy.RedisRoundTrip.AddSince(start);
            logger.LogDebug(ex, "Redis cache read failed");
            return null;
        }
    }

    public void Enqueue(CacheKey key, IrisPrediction prediction)
    {
        if (redis is not null)
        {
            _writes.Writer.TryWrite((key, prediction));
        }
    }

    /// <summary>Drains the write queue until <paramref name="stoppingToken"/> fires; run by <see cref="RedisCacheWriter"/>.</summary>
    internal async Task DrainAsync(CancellationToken stoppingToken)
    {
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new List<Task>();
            var db = redis!.GetDatabase();
            while (batch.Count < 256 && reader.TryRead(out var write))
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(write.Prediction, PredictorJsonContext.Default.IrisPrediction);
                batch.Add(db.StringSetAsync(write.Key.ToRedisKey(), json, options.Value.RedisTimeToLive));
            }
            try
            {
                await Task.WhenAll(batch);
            }
            catch (RedisException ex)
            {
                logger.LogDebug(ex, "Redis cache writes failed; the entries are dropped");
            }
        }
    }
}

/// <summary>Runs the Redis tier's write loop for the life of the service.</summary>
public sealed class RedisCacheWriter(RedisTier tier) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => tier.DrainAsync(stoppingToken);
}
