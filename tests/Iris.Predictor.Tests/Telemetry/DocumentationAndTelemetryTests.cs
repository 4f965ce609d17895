using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.Predictor.Tests.Telemetry;

public sealed class DocumentationAndTelemetryTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheOpenApiDocumentDescribesBothApis()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/predict", "/predict/batch", "/model", "/predictions/recent", "/predictions/stats", "/v2/models/{name}/infer" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }
        Assert.True(paths.GetProperty("/predict").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task TheApiReferencePageLoadsOnlyFromThisService()
    {
        var html = await _client.GetStringAsync("/scalar/");

        Assert.Contains("Iris predictor API", html);
        // No CDN and no web fonts: the cluster may have no egress.
        Assert.DoesNotMatch("(src|href)=\"https?://", html);
    }

    [Fact]
    public async Task PredictionsAreCountedBySpeciesOnTheIrisPredictorMeter()
    {
        using var measurements = new ServiceMeasurements(factory.Services, "iris.predictions");

        (await _client.PredictAsync(SampleFlowers.Virginica)).EnsureSuccessStatusCode();
        (await _client.PostJsonAsync("/predict/batch", """{"instances":[[5.1,3.5,1.4,0.2],[5.0,3.4,1.5,0.2]]}""")).EnsureSuccessStatusCode();

        Assert.Equal(new Dictionary<string, long> { ["virginica"] = 1, ["setosa"] = 2 }, measurements.SumBy("iris.predictions", "species"));
    }

    [Fact]
    public async Task UnknownRoutesAnswer404WithProblemDetails()
    {
        var response = await _client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
