using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Iris.AppHost.Cache;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>Browser-facing behaviour through the gateway, with a real redis-server (Cache:Mode=local).</summary>
[Collection(SystemWithRedisCollection.Name)]
public sealed partial class SystemWithRedisTests(IrisAppWithLocalRedis iris)
{
    [Fact]
    public async Task ApiPredictThroughGatewayNamesVirginica()
    {
        var response = await iris.Gateway.PredictThroughGatewayAsync(Flowers.Virginica);

        response.EnsureSuccessStatusCode();
        var prediction = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("virginica", prediction.GetProperty("species").GetString());
        Assert.Equal(3, prediction.GetProperty("probabilities").EnumerateObject().Count());
        Assert.False(string.IsNullOrEmpty(prediction.GetProperty("modelVersion").GetString()));
    }

    [Fact]
    public async Task ApiPredictThroughGatewayNamesVersicolor()
    {
        var response = await iris.Gateway.PredictThroughGatewayAsync(Flowers.Versicolor);

        response.EnsureSuccessStatusCode();
        var prediction = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("versicolor", prediction.GetProperty("species").GetString());
    }

    [Fact]
    public async Task ApiRejectsAnInvalidFlowerWith400ThroughGateway()
    {
        var response = await iris.Gateway.PostAsJsonAsync("/api/predict", new { sepalLength = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HomePageThroughGatewayShowsTheFourLabelledInputs()
    {
        var html = await iris.Gateway.GetStringAsync("/");

        foreach (var (id, label) in FormFields)
        {
            Assert.Matches($"<label for=\"{id}\">{label} <span class=\"unit\">\\(cm\\)</span></label>", html);
            Assert.Matches($"<input[^>]*id=\"{id}\"", html);
        }
        Assert.Contains("<button type=\"submit\" class=\"primary\">Predict</button>", html);
    }

    [Fact]
    public async Task SubmittingTheFormThroughGatewayShowsThePredictedSpecies()
    {
        // The web app calls the predictor by service name: this crosses gateway → web → predictor.
        var page = await iris.Gateway.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var cookies = page.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "predict",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Flower.SepalLength"] = "7.0",
                ["Flower.SepalWidth"] = "3.2",
                ["Flower.PetalLength"] = "4.7",
                ["Flower.PetalWidth"] = "1.4",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        var result = await iris.Gateway.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Contains("Iris versicolor", await result.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PredictionsAreCountedInRedisSharedByTheReplicas()
    {
        var before = await iris.Gateway.GetFromJsonAsync<JsonElement>("/api/predictions/stats");

        for (var i = 0; i < 10; i++)
        {
            (await iris.Gateway.PredictThroughGatewayAsync(Flowers.Virginica)).EnsureSuccessStatusCode();
        }

        // Recording does not hold up the response: poll briefly until the counts show it.
        var expected = before.GetProperty("countsBySpecies").GetProperty("virginica").GetInt64() + 10;
        var virginica = await Eventually.HoldsAsync(
            async () => (await iris.Gateway.GetFromJsonAsync<JsonElement>("/api/predictions/stats")).GetProperty("countsBySpecies").GetProperty("virginica").GetInt64(),
            count => count >= expected, $"{expected} virginica in the counts", within: TimeSpan.FromSeconds(5));
        Assert.Equal(expected, virginica);
    }

    [Fact]
    public void TheCacheIsALocalRedisServer()
    {
        Assert.IsType<RedisServerResource>(iris.FindResource("cache"));
    }

    private static readonly (string Id, string Label)[] FormFields =
    [
        ("sepal-length", "Sepal length"),
        ("sepal-width", "Sepal width"),
        ("petal-length", "Petal length"),
        ("petal-width", "Petal width"),
    ];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
