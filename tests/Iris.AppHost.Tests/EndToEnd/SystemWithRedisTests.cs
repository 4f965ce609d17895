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
    public async Task EachReplicaSeesThePredictionsOfTheOther()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var replicas = await iris.ReplicaAddressesAsync("predictor", "http", expected: 2, cancellation.Token);
        using var first = new HttpClient { BaseAddress = replicas[0] };
        using var second = new HttpClient { BaseAddress = replicas[1] };
        var countedBefore = await VirginicaCountAsync(first);

        // Sepal lengths no other test sends, so each replica's rows can be told apart in the shared
        // history whatever else is still being recorded: 6.01–6.05 to the first, 6.11–6.15 to the second.
        float[] toFirst = [6.01f, 6.02f, 6.03f, 6.04f, 6.05f];
        float[] toSecond = [6.11f, 6.12f, 6.13f, 6.14f, 6.15f];
        foreach (var (replica, lengths) in new[] { (first, toFirst), (second, toSecond) })
        {
            foreach (var length in lengths)
            {
                var response = await replica.PostAsJsonAsync("/predict", new { sepalLength = length, sepalWidth = 3.0, petalLength = 5.8, petalWidth = 2.2 });
                Assert.Equal("virginica", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("species").GetString());
            }
        }

        // Recording does not hold up the response: wait until both replicas' rows are in the history.
        float[] all = [.. toFirst, .. toSecond];
        foreach (var reader in new[] { first, second })
        {
            var seen = await Eventually.HoldsAsync(
                () => OursInRecentAsync(reader, all),
                ours => ours.Distinct().Count() == all.Length, $"the {all.Length} rows of both replicas in the history read from {reader.BaseAddress}");
            // Each row once, from the replica that answered it: nothing lost, nothing recorded twice.
            Assert.Equal([.. all.Order()], seen.Order());
        }

        // The counts are shared too: both replicas count the other's ten (other tests may add more).
        foreach (var reader in new[] { first, second })
        {
            await Eventually.HoldsAsync(
                () => VirginicaCountAsync(reader),
                count => count >= countedBefore + all.Length, $"{countedBefore + all.Length} virginica counted by {reader.BaseAddress}");
        }
    }

    private static async Task<long> VirginicaCountAsync(HttpClient replica) =>
        (await replica.GetFromJsonAsync<JsonElement>("/predictions/stats")).GetProperty("countsBySpecies").TryGetProperty("virginica", out var count)
            ? count.GetInt64()
            : 0;

    private static async Task<List<float>> OursInRecentAsync(HttpClient replica, float[] ours)
    {
        var recent = await replica.GetFromJsonAsync<JsonElement>("/predictions/recent?limit=100");
        return [.. recent.EnumerateArray()
            .Select(row => row.GetProperty("flower").GetProperty("sepalLength").GetSingle())
            .Where(ours.Contains)];
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
