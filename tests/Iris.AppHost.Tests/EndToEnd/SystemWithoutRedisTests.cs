using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>Cache:Mode=none, what auto chooses on a machine with neither Docker nor redis-server.</summary>
public sealed class SystemWithoutRedisTests(IrisAppWithoutRedis iris) : IClassFixture<IrisAppWithoutRedis>
{
    [Fact]
    public void ThereIsNoCacheResource()
    {
        Assert.Null(iris.FindResource("cache"));
    }

    [Fact]
    public async Task PredictionsStillWorkThroughGateway()
    {
        var response = await iris.Gateway.PredictThroughGatewayAsync(Flowers.Virginica);

        response.EnsureSuccessStatusCode();
        var prediction = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("virginica", prediction.GetProperty("species").GetString());
    }

    [Fact]
    public async Task TheSharedHistoryReportsItselfUnavailable()
    {
        var response = await iris.Gateway.GetAsync("/api/predictions/stats");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task TheHomePageStillServes()
    {
        var response = await iris.Gateway.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Predict", await response.Content.ReadAsStringAsync());
    }
}
