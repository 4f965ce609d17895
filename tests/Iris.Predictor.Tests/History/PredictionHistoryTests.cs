using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.History;

/// <summary>The shared history against a real redis-server.</summary>
public sealed class PredictionHistoryTests : PredictorWithOwnRedis
{
    [Fact]
    public async Task PredictionsAreCountedPerSpecies()
    {
        await Client.PredictAsync(SampleFlowers.Virginica);
        await Client.PredictAsync(SampleFlowers.Virginica);
        await Client.PredictAsync(SampleFlowers.Setosa);

        var stats = await StatsWhenTotalIs(3);

        var counts = stats.GetProperty("countsBySpecies");
        Assert.Equal(1, counts.GetProperty("setosa").GetInt64());
        Assert.Equal(0, counts.GetProperty("versicolor").GetInt64());
        Assert.Equal(2, counts.GetProperty("virginica").GetInt64());
    }

    [Fact]
    public async Task BatchPredictionsAreCountedToo()
    {
        var rows = string.Join(',', Enumerable.Repeat("[5.1,3.5,1.4,0.2]", 250));
        (await Client.PostJsonAsync("/predict/batch", $$"""{"instances":[{{rows}}]}""")).EnsureSuccessStatusCode();

        var stats = await StatsWhenTotalIs(250);

        Assert.Equal(250, stats.GetProperty("countsBySpecies").GetProperty("setosa").GetInt64());
        var recent = await Client.GetFromJsonAsync<JsonElement>("/predictions/recent?limit=100");
        Assert.Equal(100, recent.GetArrayLength());
    }

    [Fact]
    public async Task RecentPredictionsComeNewestFirstUpToTheLimit()
    {
        await Client.PredictAsync(SampleFlowers.Setosa);
        await StatsWhenTotalIs(1);
        await Client.PredictAsync(SampleFlowers.Virginica);
        await StatsWhenTotalIs(2);

        var recent = await Client.GetFromJsonAsync<JsonElement>("/predictions/recent?limit=1");
        var both = await Client.GetFromJsonAsync<JsonElement>("/predictions/recent");

        var only = Assert.Single(recent.EnumerateArray());
        Assert.Equal("virginica", only.GetProperty("species").GetString());
        Assert.Equal(6.3, only.GetProperty("flower").GetProperty("sepalLength").GetDouble(), precision: 5);
        Assert.Equal(["virginica", "setosa"], both.EnumerateArray().Select(p => p.GetProperty("species").GetString()));
    }

    [Fact]
    public async Task TheRecentListIsCappedAtOneHundred()
    {
        for (var i = 0; i < 3; i++)
        {
            var rows = string.Join(',', Enumerable.Repeat("[6.3,3.3,6.0,2.5]", 80));
            (await Client.PostJsonAsync("/predict/batch", $$"""{"instances":[{{rows}}]}""")).EnsureSuccessStatusCode();
        }
        await StatsWhenTotalIs(240);

        var recent = await Client.GetFromJsonAsync<JsonElement>("/predictions/recent?limit=100");

        Assert.Equal(100, recent.GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    public async Task RecentRejectsALimitOutsideOneToOneHundred(string limit)
    {
        var response = await Client.GetAsync($"/predictions/recent?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RecentRejectsALimitThatIsNotANumber()
    {
        var response = await Client.GetAsync("/predictions/recent?limit=ten");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARefusedRequestIsNeitherCountedNorRecorded()
    {
        using var measurements = new ServiceMeasurements(Predictor.Services, "iris.predictions");
        var refused = new (string Path, string Body, string ContentType)[]
        {
            ("/predict", """{"sepalLength":-1,"sepalWidth":3.0,"petalLength":5.8,"petalWidth":2.2}""", "application/json"),
            ("/predict", """{"sepalLength":6.3,"sepalWidth":3.3,"petalLength":6.0}""", "application/json"),
            ("/predict", """{"sepalLength":6.3,"sepalWidth":3.3,"petalLength":6.0,"petalWidth":2.5}""", "text/plain"),
            // One bad row refuses the whole batch: the good rows before it are not counted either.
            ("/predict/batch", """{"instances":[[5.1,3.5,1.4,0.2],[5.1,3.5,1.4,0]]}""", "application/json"),
            ("/v2/models/iris/infer", """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4]}]}""", "application/json"),
            ("/predict/batch", $$"""{"instances":[{{string.Join(',', Enumerable.Repeat("[5.1,3.5,1.4,0.2]", 4_000))}}]}""", "application/json"),
        };
        foreach (var (path, body, contentType) in refused)
        {
            using var response = await Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, contentType));
            Assert.InRange((int)response.StatusCode, 400, 499);
        }

        // One good prediction after them: the queue keeps its order, so once it is written, anything
        // the refused requests had recorded would be too.
        (await Client.PredictAsync(SampleFlowers.Setosa)).EnsureSuccessStatusCode();

        var stats = await StatsWhenTotalIs(1);
        Assert.Equal(1, stats.GetProperty("countsBySpecies").GetProperty("setosa").GetInt64());
        Assert.Equal(1, (await Client.GetFromJsonAsync<JsonElement>("/predictions/recent")).GetArrayLength());
        Assert.Equal(1, measurements.Sum("iris.predictions"));
    }

    [Fact]
    public async Task TheSummaryShowsTheCountsAndTheLatestRowsOfOneMoment()
    {
        // Batches of rows marked with their batch's number (the sepal length, in tenths of a cm), written
        // while the summary is read: whatever moment a reading shows, its total must be exactly the rows
        // of the batches up to the newest one it lists. Counts and list read apart disagree under writes.
        const int rowsPerBatch = 40;
        const int enoughReadings = 50;
        using var writing = new CancellationTokenSource();
        var readings = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        var reader = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                readings.Enqueue(await Client.GetFromJsonAsync<JsonElement>("/predictions/summary?limit=100"));
            }
        });
        // Until enough readings were made during the writes, however fast each side runs (the mark stays at most 100 cm).
        var batches = 0;
        while (batches < 60 || (readings.Count < enoughReadings && batches < 1_000))
        {
            var row = $"[{++batches / 10.0:0.0},3.5,1.4,0.2]";
            (await Client.PostJsonAsync("/predict/batch", $$"""{"instances":[{{string.Join(',', Enumerable.Repeat(row, rowsPerBatch))}}]}""")).EnsureSuccessStatusCode();
        }
        await StatsWhenTotalIs(rowsPerBatch * batches);
        await writing.CancelAsync();
        await reader;
        readings.Enqueue(await Client.GetFromJsonAsync<JsonElement>("/predictions/summary?limit=100"));

        Assert.True(readings.Count > enoughReadings, $"{readings.Count} readings during {batches} batches");
        foreach (var reading in readings)
        {
            var recent = reading.GetProperty("recent").EnumerateArray().ToList();
            var newestBatch = recent.Count == 0 ? 0 : (int)Math.Round(recent[0].GetProperty("flower").GetProperty("sepalLength").GetDouble() * 10);
            Assert.Equal(rowsPerBatch * newestBatch, reading.GetProperty("stats").GetProperty("total").GetInt64());
            Assert.Equal(Math.Min(100, rowsPerBatch * newestBatch), recent.Count);
        }
    }

    [Fact]
    public async Task HealthIsHealthyWithRedisUp()
    {
        Assert.Equal("Healthy", await Client.GetStringAsync("/health"));
    }

    private Task<JsonElement> StatsWhenTotalIs(long total) =>
        Eventually.HoldsAsync(
            () => Client.GetFromJsonAsync<JsonElement>("/predictions/stats"),
            stats => stats.GetProperty("total").GetInt64() == total,
            $"a total of {total} predictions", within: TimeSpan.FromSeconds(15));
}
