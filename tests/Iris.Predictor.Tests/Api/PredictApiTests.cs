using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Api;

/// <summary>The predictor's HTTP API with no Redis configured.</summary>
public sealed class PredictApiTests(PredictApiTests.Factory factory) : IClassFixture<PredictApiTests.Factory>
{
    public sealed class Factory() : PredictorFactory(redisConnectionString: null);

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PredictReturnsSpeciesProbabilitiesAndModelVersion()
    {
        var response = await _client.PredictAsync(Flowers.Virginica);

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("virginica", root.GetProperty("species").GetString());
        var probabilities = root.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["setosa", "versicolor", "virginica"], probabilities.Keys.Order());
        Assert.Equal(1.0, probabilities.Values.Sum(), precision: 4);
        Assert.Matches("^[0-9a-f]{12}$", root.GetProperty("modelVersion").GetString());
    }

    [Theory]
    [InlineData("""{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4}""", "PetalWidth")]
    [InlineData("""{"sepalLength":0,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "SepalLength")]
    [InlineData("""{"sepalLength":5.1,"sepalWidth":-3.5,"petalLength":1.4,"petalWidth":0.2}""", "SepalWidth")]
    [InlineData("""{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":100.5,"petalWidth":0.2}""", "PetalLength")]
    [InlineData("""{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":null}""", "PetalWidth")]
    public async Task PredictRejectsMissingOrOutOfRangeMeasurementsNamingTheField(string json, string field)
    {
        var response = await _client.PostJsonAsync("/predict", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Theory]
    [InlineData("""{"sepalLength":"5.1","sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""")]
    [InlineData("""{"sepalLength":5.1,"sepalWidth":3.5,""")]
    [InlineData("""[1,2,3,4]""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public async Task PredictRejectsBodiesThatAreNotAFlowerWithProblemDetails(string json)
    {
        var response = await _client.PostJsonAsync("/predict", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PredictRejectsANonJsonContentType()
    {
        var response = await _client.PostAsync("/predict", new StringContent("sepalLength=5.1", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HistoryIsUnavailableWithoutRedisWhilePredictionsWork()
    {
        var prediction = await _client.PredictAsync(Flowers.Setosa);
        var stats = await _client.GetAsync("/predictions/stats");
        var recent = await _client.GetAsync("/predictions/recent");

        Assert.Equal(HttpStatusCode.OK, prediction.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stats.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, recent.StatusCode);
        Assert.Equal("application/problem+json", stats.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthEndpointsAreHealthyWithoutRedis(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
