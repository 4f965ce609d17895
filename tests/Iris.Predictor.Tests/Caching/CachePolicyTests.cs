using Iris.Predictor.Caching;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Tests.Caching;

public sealed class CachePolicyTests
{
    private readonly CachePolicy _policy = new(Options.Create(new PredictionCacheOptions()));

    [Fact]
    public void RedisStaysOffThePathUntilBothCostsAreMeasured()
    {
        Assert.False(_policy.UseRedis);

        _policy.Model.Add(TimeSpan.FromMilliseconds(50));
        Assert.False(_policy.UseRedis);
    }

    [Fact]
    public void ACheapModelBypassesRedis()
    {
        // Measured here: ~0.2 µs a prediction against ~30 µs a Redis round trip.
        _policy.Model.Add(TimeSpan.FromTicks(2));
        _policy.RedisRoundTrip.Add(TimeSpan.FromMicroseconds(30));

        Assert.False(_policy.UseRedis);
    }

    [Fact]
    public void ASlowModelUsesRedis()
    {
        _policy.Model.Add(TimeSpan.FromMilliseconds(20));
        _policy.RedisRoundTrip.Add(TimeSpan.FromMicroseconds(30));

        Assert.True(_policy.UseRedis);
    }

    [Fact]
    public void ARedisThatSlowsDownIsTakenOffThePath()
    {
        _policy.Model.Add(TimeSpan.FromMilliseconds(1));
        _policy.RedisRoundTrip.Add(TimeSpan.FromMicroseconds(30));
        Assert.True(_policy.UseRedis);

        for (var i = 0; i < 200; i++)
        {
            _policy.RedisRoundTrip.Add(TimeSpan.FromMilliseconds(250));
        }

        Assert.False(_policy.UseRedis);
    }
}
