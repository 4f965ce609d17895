using Microsoft.Extensions.Options;

namespace Iris.Predictor.Caching;

/// <summary>
/// Decides whether the Redis tier may sit on the request path: only while a Redis round trip costs
/// clearly less than scoring the model. For the Iris model (~0.2 µs a prediction against ~30 µs a
/// round trip) Redis is bypassed; a model that takes milliseconds gets Redis' shared hits.
/// </summary>
public sealed class CachePolicy(IOptions<PredictionCacheOptions> options)
{
    public CostEstimate Model { get; } = new();

    public CostEstimate RedisRoundTrip { get; } = new();

    /// <summary>Unknown costs mean no: Redis joins the path only once both are measured and it pays.</summary>
    public bool UseRedis =>
        Model.IsKnown && RedisRoundTrip.IsKnown
        && RedisRoundTrip.Seconds * options.Value.RedisAdvantage < Model.Seconds;
}
