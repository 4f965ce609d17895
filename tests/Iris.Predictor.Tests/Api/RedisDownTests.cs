using System.Net;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Api;

/// <summary>Redis is configured but nothing answers: predictions go on, health says Degraded.</summary>
public sealed class RedisDownTests(RedisDownTests.Factory factory) : IClassFixture<RedisDownTests.Factory>
{
    public sealed class Factory() : PredictorFactory($"127.0.0.1:{RedisServer.FreePort()},connectTimeout=500");

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PredictionsStillSucceed()
    {
        var response = await _client.PredictAsync(Flowers.Virginica);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"virginica\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadinessIsDegradedNotUnhealthy()
    {
        var response = await _client.GetAsync("/health");

        // Degraded keeps the pod in rotation (200); only the shared history is lost.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HistoryAnswers503()
    {
        var response = await _client.GetAsync("/predictions/stats");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
