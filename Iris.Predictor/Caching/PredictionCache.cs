using System.Diagnostics;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Caching;

/// <summary>
/// Answers from the in-process tier when it can, from Redis when the policy says a round trip is
/// cheaper than the model, and otherwise scores the model and fills the tiers behind the response
/// (the in-process tier with inputs seen at least twice). When the traffic rarely repeats itself,
/// the in-process tier is bypassed too (<see cref="LookupPolicy"/>), so that caching never costs
/// more than it saves.
/// </summary>
public sealed class PredictionCache(
    IOptions<PredictionCacheOptions> options,
    CachePolicy policy,
    RedisTier redis,
    PredictorMetrics metrics)
{
    private const string Memory = "memory";
    private const string Redis = "redis";

    private readonly MemoryTier _memory = new(options.Value.MemoryEntries);
    private readonly LookupPolicy _lookups = new(policy.Model);

    public bool Enabled => options.Value.Enabled;

    public async ValueTask<IrisPrediction> GetOrPredictAsync(IrisModel model, IrisMeasurements flower)
    {
        if (!Enabled)
        {
            return model.Predict(flower);
        }

        // Redis' shared hits can pay even when this replica's own tier does not, so bypass only without it.
        if (!_lookups.ShouldLookUp() && !policy.UseRedis)
        {
            metrics.CacheLookup(Memory, "bypass");
            return model.Predict(flower);
        }

        var key = new CacheKey(model.Version, flower);
        var timed = _lookups.ShouldTime();
        var lookupStart = timed ? Stopwatch.GetTimestamp() : 0;
        var found = _memory.TryGet(key, out var prediction);
        if (timed)
        {
            _lookups.Timed(lookupStart);
        }
        _lookups.Record(found);
        if (found)
        {
            metrics.CacheLookup(Memory, "hit");
            return prediction;
        }
        metrics.CacheLookup(Memory, "miss");

        var useRedis = policy.UseRedis && redis.IsAvailable;
        if (useRedis)
        {
            var shared = await redis.TryGetAsync(key);
            metrics.CacheLookup(Redis, shared is null ? "miss" : "hit");
            if (shared is not null)
            {
                _memory.Set(key, shared);
                return shared;
            }
        }
        else
        {
            metrics.CacheLookup(Redis, "bypass");
        }

        var start = Stopwatch.GetTimestamp();
        prediction = model.Predict(flower);
        policy.Model.AddSince(start);

        if (_memory.ShouldAdmit(key))
        {
            _memory.Set(key, prediction);
        }
        if (useRedis)
        {
            redis.Enqueue(key, prediction);
        }
        return prediction;
    }
}
