using System.Net;
using Iris.Predictor.Tests.Infrastructure;
using StackExchange.Redis;

namespace Iris.Predictor.Tests.Caching;

/// <summary>
/// A model slow enough for Redis (thresholds of zero stand in for one): one replica's prediction is
/// another replica's hit, through a real redis-server, and a Redis that goes away costs only the hits.
/// </summary>
public sealed class SharedCacheTests : PredictorWithOwnRedis
{
    private const string Lookups = "iris.cache.lookups";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["PredictionCache:InProcessFrom"] = "00:00:00",
        ["PredictionCache:RedisFrom"] = "00:00:00",
    };

    [Fact]
    public async Task AFlowerScoredByOneReplicaIsAnotherReplicasHit()
    {
        var first = await (await Client.PredictAsync(SampleFlowers.Setosa)).Content.ReadAsStringAsync();
        // HybridCache writes to Redis after the response: wait for the entry to land.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints().Single());
        await Eventually.HoldsAsync(() => Task.FromResult(server.Keys(pattern: "iris:cache:*").Count()), count => count == 1,
            "one cached prediction in Redis", within: TimeSpan.FromSeconds(15));

        await using var other = PredictorFactory.WithRedis(Redis.ConnectionString, Settings);
        using var measurements = new ServiceMeasurements(other.Services, Lookups);
        var second = await (await other.CreateClient().PredictAsync(SampleFlowers.Setosa)).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
        Assert.Equal(new Dictionary<string, long> { ["hit"] = 1 }, measurements.SumBy(Lookups, "result"));
    }

    [Fact]
    public async Task WithRedisGoneNewFlowersAreStillScored()
    {
        (await Client.PredictAsync(SampleFlowers.Setosa)).EnsureSuccessStatusCode();
        Redis.Stop();

        using var measurements = new ServiceMeasurements(Predictor.Services, Lookups);
        var response = await Client.PredictAsync(SampleFlowers.Virginica);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("virginica", (await response.ReadJsonAsync()).GetProperty("species").GetString());
        Assert.Equal(new Dictionary<string, long> { ["miss"] = 1 }, measurements.SumBy(Lookups, "result"));
    }
}
