using System.Globalization;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Iris.Predictor.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Caching;

/// <summary>
/// Predictions kept in <see cref="HybridCache"/>, in process and, when Redis is configured, in Redis
/// for every replica. The one policy: a cache pays only when scoring costs more than the cache, so
/// the model's own scoring time (measured when it loads) decides. From
/// <see cref="PredictionCacheOptions.InProcessFrom"/> on, predictions are cached in process, from
/// <see cref="PredictionCacheOptions.RedisFrom"/> on in Redis too, and below both the model answers
/// directly. The Iris model scores in under a microsecond, below both. Keys hold the model version,
/// so a new model never serves an old answer.
/// </summary>
public sealed class PredictionCache
{
    private readonly HybridCache _cache;
    private readonly PredictionCacheOptions _options;
    private readonly PredictorMetrics _metrics;
    private readonly HybridCacheEntryOptions _inProcess;
    private readonly HybridCacheEntryOptions _shared;

    public PredictionCache(HybridCache cache, IOptions<PredictionCacheOptions> options, PredictorMetrics metrics)
    {
        _cache = cache;
        _options = options.Value;
        _metrics = metrics;
        _shared = new() { Expiration = _options.TimeToLive, LocalCacheExpiration = _options.TimeToLive };
        _inProcess = new() { Expiration = _options.TimeToLive, LocalCacheExpiration = _options.TimeToLive, Flags = HybridCacheEntryFlags.DisableDistributedCache };
    }

    public async ValueTask<IrisPrediction> GetOrPredictAsync(IrisModel model, IrisMeasurements flower)
    {
        var entry = TierFor(model.ScoringTime, _options) switch
        {
            CacheTier.InProcessAndRedis => _shared,
            CacheTier.InProcess => _inProcess,
            _ => null,
        };
        if (entry is null)
        {
            _metrics.CacheLookup("bypass");
            return model.Predict(flower);
        }

        var scoring = new Scoring(model, flower);
        var prediction = await _cache.GetOrCreateAsync(KeyOf(model, flower), scoring, static (scoring, _) => scoring.Run(), entry);
        _metrics.CacheLookup(scoring.Ran ? "miss" : "hit");
        return prediction;
    }

    /// <summary>The policy: where a prediction that takes <paramref name="scoringTime"/> to score is kept.</summary>
    public static CacheTier TierFor(TimeSpan scoringTime, PredictionCacheOptions options) =>
        !options.Enabled || scoringTime < options.InProcessFrom ? CacheTier.None
        : scoringTime >= options.RedisFrom ? CacheTier.InProcessAndRedis
        : CacheTier.InProcess;

    private static string KeyOf(IrisModel model, IrisMeasurements flower) => string.Create(CultureInfo.InvariantCulture,
        $"{model.Version}:{flower.SepalLength:R}:{flower.SepalWidth:R}:{flower.PetalLength:R}:{flower.PetalWidth:R}");

    /// <summary>The factory's state: whether the cache had to score tells a miss from a hit.</summary>
    private sealed class Scoring(IrisModel model, IrisMeasurements flower)
    {
        public bool Ran { get; private set; }

        public ValueTask<IrisPrediction> Run()
        {
            Ran = true;
            return ValueTask.FromResult(model.Predict(flower));
        }
    }
}

/// <summary>Where <see cref="PredictionCache"/> keeps a model's predictions.</summary>
public enum CacheTier
{
    /// <summary>Nowhere: the model scores faster than the cache would answer.</summary>
    None,

    /// <summary>In this process only.</summary>
    InProcess,

    /// <summary>In process and in Redis, for every replica.</summary>
    InProcessAndRedis,
}
