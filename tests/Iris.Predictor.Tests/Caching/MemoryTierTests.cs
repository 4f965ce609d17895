using Iris.Predictor.Caching;
using Iris.Predictor.Model;

namespace Iris.Predictor.Tests.Caching;

public sealed class MemoryTierTests
{
    private static readonly IrisPrediction Answer = new("setosa", new SpeciesProbabilities(1, 0, 0), "v1");

    private static CacheKey Key(int i, string version = "v1") => new(version, new IrisMeasurements(i, 1, 1, 1));

    [Fact]
    public void AStoredPredictionIsFoundUnderItsKeyOnly()
    {
        var tier = new MemoryTier(capacity: 10);
        tier.Set(Key(1), Answer);

        Assert.True(tier.TryGet(Key(1), out var found));
        Assert.Same(Answer, found);
        Assert.False(tier.TryGet(Key(2), out _));
    }

    [Fact]
    public void ANewModelVersionNeverSeesTheOldAnswers()
    {
        var tier = new MemoryTier(capacity: 10);
        tier.Set(Key(1, "v1"), Answer);

        Assert.False(tier.TryGet(Key(1, "v2"), out _));
    }

    [Fact]
    public void TheTierHoldsAtMostTwoGenerations()
    {
        var tier = new MemoryTier(capacity: 100);
        for (var i = 0; i < 1_000; i++)
        {
            tier.Set(Key(i), Answer);
        }

        var kept = Enumerable.Range(0, 1_000).Count(i => tier.TryGet(Key(i), out _));

        Assert.InRange(kept, 100, 200);
        Assert.True(tier.TryGet(Key(999), out _), "the newest entry is kept");
        Assert.False(tier.TryGet(Key(0), out _), "the oldest entry is gone");
    }

    [Fact]
    public void AKeyIsAdmittedOnlyOnItsSecondSighting()
    {
        var tier = new MemoryTier(capacity: 10);

        Assert.False(tier.ShouldAdmit(Key(1)));
        Assert.False(tier.ShouldAdmit(Key(2)));
        Assert.True(tier.ShouldAdmit(Key(1)));
    }

    [Fact]
    public void WholeNumberMeasurementsDoNotShareADoorkeeperSlot()
    {
        var tier = new MemoryTier(capacity: 10);
        var keys = Enumerable.Range(1, 4).Select(i => Key(i)).ToArray();

        foreach (var key in keys)
        {
            Assert.False(tier.ShouldAdmit(key));
        }

        Assert.All(keys, key => Assert.True(tier.ShouldAdmit(key)));
    }
}
