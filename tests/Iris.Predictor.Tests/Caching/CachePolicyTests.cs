using Iris.Predictor.Caching;

namespace Iris.Predictor.Tests.Caching;

/// <summary>The one policy: a model's scoring time decides where its predictions are kept.</summary>
public sealed class CachePolicyTests
{
    private static readonly PredictionCacheOptions Shipped = new();

    [Theory]
    [InlineData(0.4, CacheTier.None)] // the Iris model
    [InlineData(19.9, CacheTier.None)]
    [InlineData(20, CacheTier.InProcess)]
    [InlineData(999, CacheTier.InProcess)]
    [InlineData(1_000, CacheTier.InProcessAndRedis)]
    [InlineData(250_000, CacheTier.InProcessAndRedis)]
    public void TheShippedThresholdsAre20MicrosecondsInProcessAnd1MillisecondInRedis(double microseconds, CacheTier tier) =>
        Assert.Equal(tier, PredictionCache.TierFor(TimeSpan.FromMicroseconds(microseconds), Shipped));

    [Fact]
    public void TurnedOffNothingIsCachedHoweverSlowTheModel() =>
        Assert.Equal(CacheTier.None, PredictionCache.TierFor(TimeSpan.FromSeconds(1), new PredictionCacheOptions { Enabled = false }));

    [Fact]
    public void ThresholdsOfZeroCacheEveryModelEverywhere() =>
        Assert.Equal(CacheTier.InProcessAndRedis,
            PredictionCache.TierFor(TimeSpan.FromTicks(1), new PredictionCacheOptions { InProcessFrom = TimeSpan.Zero, RedisFrom = TimeSpan.Zero }));
}
