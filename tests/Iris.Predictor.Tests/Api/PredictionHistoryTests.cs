using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Api;

/// <summary>The shared history against a real redis-server.</summary>
public sealed class PredictionHistoryTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private PredictorFactory? _factory;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _factory = new PredictorFactory(_redis.ConnectionString);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task PredictionsAreCountedPerSpecies()
    {
        await _client.PredictAsync(Flowers.Virginica);
        await _client.PredictAsync(Flowers.Virginica);
        await _client.PredictAsync(Flowers.Setosa);

        var stats = await EventuallyAsync("/predictions/stats", s => s.GetProperty("total").GetInt64() == 3);

        var counts = stats.GetProperty("countsBySpecies");
        Assert.Equal(1, counts.GetProperty("setosa").GetInt64());
        Assert.Equal(0, counts.GetProperty("versicolor").GetInt64());
        Assert.Equal(2, counts.GetProperty("virginica").GetInt64());
    }

    [Fact]
    public async Task RecentPredictionsComeNewestFirstUpToTheLimit()
    {
        await _client.PredictAsync(Flowers.Setosa);
        await _client.PredictAsync(Flowers.Virginica);
        await EventuallyAsync("/predictions/stats", s => s.GetProperty("total").GetInt64() == 2);

        var recent = await _client.GetFromJsonAsync<JsonElement>("/predictions/recent?limit=1");

        var only = Assert.Single(recent.EnumerateArray());
        Assert.Equal("virginica", only.GetProperty("species").GetString());
        Assert.Equal(6.3, only.GetProperty("flower").GetProperty("sepalLength").GetDouble());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    public async Task RecentRejectsALimitOutsideOneToOneHundred(string limit)
    {
        var response = await _client.GetAsync($"/predictions/recent?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthIsHealthyWithRedisUp()
    {
        Assert.Equal("Healthy", await _client.GetStringAsync("/health"));
    }

    /// <summary>Recording does not wait for Redis, so poll until what was recorded shows (bounded).</summary>
    private async Task<JsonElement> EventuallyAsync(string path, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            last = await _client.GetFromJsonAsync<JsonElement>(path);
            if (done(last))
            {
                return last;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"{path} never reached the expected state: {last}");
        return last;
    }
}
