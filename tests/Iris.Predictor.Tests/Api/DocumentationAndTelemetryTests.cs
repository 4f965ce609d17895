using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.Predictor.Tests.Api;

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
        var counted = new Dictionary<string, long>();
        // Other test classes run their own predictors in this process at the same time: listen only to
        // the meters this fixture's service created (a factory-made meter's scope is its factory).
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == PredictorMetrics.MeterName && instrument.Name == "iris.predictions")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "species")
                {
                    lock (counted)
                    {
                        counted[(string)tag.Value!] = counted.GetValueOrDefault((string)tag.Value!) + value;
                    }
                }
            }
        });
        listener.Start();

        (await _client.PredictAsync(Flowers.Virginica)).EnsureSuccessStatusCode();
        (await _client.PostJsonAsync("/predict/batch", """{"instances":[[5.1,3.5,1.4,0.2],[5.0,3.4,1.5,0.2]]}""")).EnsureSuccessStatusCode();

        lock (counted)
        {
            Assert.Equal(new Dictionary<string, long> { ["virginica"] = 1, ["setosa"] = 2 }, counted);
        }
    }

    [Fact]
    public async Task UnknownRoutesAnswer404WithProblemDetails()
    {
        var response = await _client.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
