using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.History;

/// <summary>Redis configured but away, or killed mid-test: predictions go on, health says Degraded, the history held meanwhile is written when Redis is back.</summary>
public sealed class RedisOutageTests : PredictorWithOwnRedis
{
    [Fact]
    public async Task RedisKilledMidTestDegradesHistoryOnlyAndRecoversWithoutARestart()
    {
        (await Client.PredictAsync(SampleFlowers.Setosa)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Client.GetFromJsonAsync<JsonElement>("/predictions/stats"),
            stats => stats.GetProperty("total").GetInt64() == 1, "the first prediction recorded", within: TimeSpan.FromSeconds(15));

        Redis.Stop();

        for (var i = 0; i < 50; i++)
        {
            var during = await Client.PredictAsync(SampleFlowers.Virginica);
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        }
        var health = await Eventually.HoldsAsync(() => Client.GetStringAsync("/health"), h => h == "Degraded", "health Degraded", within: TimeSpan.FromSeconds(15));
        Assert.Equal("Degraded", health);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.GetAsync("/predictions/stats")).StatusCode);

        await Redis.StartAsync();

        // The new server is empty; what was predicted while Redis was away was held and lands now.
        await Eventually.HoldsAsync(() => Client.GetStringAsync("/health"), h => h == "Healthy", "health Healthy again", within: TimeSpan.FromSeconds(15));
        var stats = await Eventually.HoldsAsync(async () =>
        {
            var response = await Client.GetAsync("/predictions/stats");
            return response.IsSuccessStatusCode ? (await response.ReadJsonAsync()).GetProperty("total").GetInt64() : 0;
        }, total => total == 50, "the 50 predictions made during the outage recorded after Redis returned", within: TimeSpan.FromSeconds(15));
        Assert.Equal(50, stats);
        var recent = await Client.GetFromJsonAsync<JsonElement>("/predictions/recent?limit=100");
        Assert.Equal(50, recent.GetArrayLength());
        Assert.All(recent.EnumerateArray(), entry => Assert.Equal("virginica", entry.GetProperty("species").GetString()));
    }
}

/// <summary>A connection string to a port where nothing listens.</summary>
public sealed class RedisAbsentTests(RedisAbsentTests.Factory factory) : IClassFixture<RedisAbsentTests.Factory>
{
    public sealed class Factory() : PredictorFactory(new Dictionary<string, string?>
    {
        ["ConnectionStrings:cache"] = $"127.0.0.1:{LoopbackPort.Free()}",
    });

    private readonly HttpClient Client = factory.CreateClient();

    [Fact]
    public async Task PredictionsStillSucceed()
    {
        var response = await Client.PredictAsync(SampleFlowers.Virginica);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("virginica", (await response.ReadJsonAsync()).GetProperty("species").GetString());
    }

    [Fact]
    public async Task ReadinessIsDegradedNotUnhealthy()
    {
        var response = await Client.GetAsync("/health");

        // Degraded keeps the pod in rotation (200); only the shared history is lost.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HistoryAnswers503WithProblemDetails()
    {
        var response = await Client.GetAsync("/predictions/recent");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
