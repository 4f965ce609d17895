using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Caching;

/// <summary>The cache on a real service: bypassed for the Iris model as shipped, and what it does when a model is worth caching.</summary>
public sealed class InProcessCacheTests(OtherValidModel other) : IClassFixture<OtherValidModel>
{
    private const string Lookups = "iris.cache.lookups";

    /// <summary>Every model is worth caching in process.</summary>
    private static readonly Dictionary<string, string?> CacheEverything = new() { ["PredictionCache:InProcessFrom"] = "00:00:00" };

    [Fact]
    public async Task AsShippedTheIrisModelScoresEveryFlowerItself()
    {
        await using var predictor = new PlainPredictor();
        using var measurements = new ServiceMeasurements(predictor.Services, Lookups);
        var client = predictor.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.PredictAsync(SampleFlowers.Virginica)).EnsureSuccessStatusCode();
        }

        Assert.Equal(new Dictionary<string, long> { ["bypass"] = 3 }, measurements.SumBy(Lookups, "result"));
    }

    [Fact]
    public async Task AFlowerSeenBeforeIsAnsweredFromTheCacheWithTheSameAnswer()
    {
        await using var predictor = new PredictorFactory(CacheEverything);
        using var measurements = new ServiceMeasurements(predictor.Services, Lookups);
        var client = predictor.CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await (await client.PredictAsync(SampleFlowers.Virginica)).Content.ReadAsStringAsync());
        }

        Assert.Equal(new Dictionary<string, long> { ["miss"] = 1, ["hit"] = 3 }, measurements.SumBy(Lookups, "result"));
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
    }

    [Fact]
    public async Task ANewModelNeverAnswersFromTheOldModelsEntries()
    {
        var files = TestData.CopyOfCommittedModel();
        try
        {
            await using var predictor = new PredictorFactory(new Dictionary<string, string?>(CacheEverything)
            {
                ["Model:Path"] = files.ModelPath,
                ["Model:ReloadInterval"] = "00:00:00.100",
            });
            using var measurements = new ServiceMeasurements(predictor.Services, Lookups);
            var client = predictor.CreateClient();
            var before = await VersionAsync(client);
            Assert.Equal(before, await VersionAsync(client));

            File.Copy(other.Files.MetadataPath, files.MetadataPath, overwrite: true);
            File.Copy(other.Files.ModelPath, files.ModelPath, overwrite: true);
            await Eventually.HoldsAsync(() => VersionAsync(client), version => version == other.Metadata.Version,
                "the new model's answer", within: TimeSpan.FromSeconds(15));

            Assert.NotEqual(before, other.Metadata.Version);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(other.Metadata.Version, await VersionAsync(client));
            }
            // Each model scored the flower itself exactly once; every other answer was its own model's entry.
            Assert.Equal(2, measurements.Sum(Lookups, tags => tags["result"] == "miss"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(files.ModelPath)!, recursive: true);
        }
    }

    private static async Task<string> VersionAsync(HttpClient client) =>
        (await (await client.PredictAsync(SampleFlowers.Virginica)).ReadJsonAsync()).GetProperty("modelVersion").GetString()!;
}
