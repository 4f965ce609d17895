using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Diagnostics.Metrics;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.Predictor.Tests.Prediction;

/// <summary>The predictor's own API over real HTTP, with no Redis configured.</summary>
public sealed class PredictApiTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PredictReturnsSpeciesProbabilitiesAndModelVersion()
    {
        var response = await _client.PredictAsync(SampleFlowers.Virginica);

        response.EnsureSuccessStatusCode();
        var root = await response.ReadJsonAsync();
        Assert.Equal("virginica", root.GetProperty("species").GetString());
        var probabilities = root.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["setosa", "versicolor", "virginica"], probabilities.Keys);
        Assert.Equal(1.0, probabilities.Values.Sum(), precision: 4);
        Assert.Matches("^[0-9a-f]{12}$", root.GetProperty("modelVersion").GetString());
        Assert.False(root.TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task PredictWarnsAboutTheTutorialsFlowerFarOutsideTheTrainingData()
    {
        var response = await _client.PredictAsync(new { sepalLength = 4, sepalWidth = 4, petalLength = 4, petalWidth = 4 });

        response.EnsureSuccessStatusCode();
        var warnings = (await response.ReadJsonAsync()).GetProperty("warnings");
        Assert.Contains("petalWidth", Assert.Single(warnings.EnumerateArray()).GetString());
    }

    public static TheoryData<string, string> BadFlowers => new()
    {
        { """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4}""", "petalWidth" },
        { """{"sepalLength":0,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":5.1,"sepalWidth":-3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalWidth" },
        { """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":100.5,"petalWidth":0.2}""", "petalLength" },
        { """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":null}""", "petalWidth" },
        { """{"sepalLength":1e400,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":"5.1","sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":NaN,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":"Infinity","sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":true,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":[5.1],"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
        { """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2,"colour":"blue"}""", "colour" },
        { """{"sepalLength":5.1,"sepalLength":6.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""", "sepalLength" },
    };

    [Theory]
    [MemberData(nameof(BadFlowers))]
    public async Task PredictRejectsABadFlowerWithProblemDetailsNamingTheField(string json, string field)
    {
        var response = await _client.PostJsonAsync("/predict", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.NotEmpty(messages.EnumerateArray().Single().GetString()!);
    }

    [Theory]
    [InlineData("""{"sepalLength":5.1,"sepalWidth":3.5,""")]
    [InlineData("""[1,2,3,4]""")]
    [InlineData("""not json""")]
    [InlineData("""null""")]
    [InlineData("")]
    public async Task PredictRejectsABodyThatIsNotAFlowerObject(string json)
    {
        var response = await _client.PostJsonAsync("/predict", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", problem.ToString());
    }

    [Fact]
    public async Task PredictRejectsInvalidUtf8()
    {
        var content = new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
        content.Headers.ContentType = new("application/json");

        var response = await _client.PostAsync("/predict", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task PredictRejectsAContentTypeOtherThanJsonWith415(string contentType)
    {
        var response = await _client.PostAsync("/predict", new StringContent("sepalLength=5.1", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABodyOver64KiBIsRefusedWith413()
    {
        var padding = new string(' ', 70 * 1024);
        var response = await _client.PostJsonAsync("/predict", $$"""{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2{{padding}}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BadInputLeavesTheServiceHealthy()
    {
        foreach (var row in BadFlowers)
        {
            await _client.PostJsonAsync("/predict", (string)row[0]);
        }

        Assert.Equal("Healthy", await _client.GetStringAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, (await _client.PredictAsync(SampleFlowers.Setosa)).StatusCode);
    }

    [Fact]
    public async Task BatchScoresObjectAndArrayInstancesInOrder()
    {
        var response = await _client.PostJsonAsync("/predict/batch",
            """{"instances":[[5.1,3.5,1.4,0.2],{"sepalLength":7.0,"sepalWidth":3.2,"petalLength":4.7,"petalWidth":1.4},[6.3,3.3,6.0,2.5]]}""");

        response.EnsureSuccessStatusCode();
        var predictions = (await response.ReadJsonAsync()).GetProperty("predictions").EnumerateArray()
            .Select(p => p.GetProperty("species").GetString()).ToList();
        Assert.Equal(["setosa", "versicolor", "virginica"], predictions);
    }

    [Fact]
    public async Task BatchOfAThousandArrayRowsFitsTheBodyLimit()
    {
        var rows = string.Join(',', Enumerable.Repeat("[6.3,3.3,6.0,2.5]", 1_000));

        var response = await _client.PostJsonAsync("/predict/batch", $$"""{"instances":[{{rows}}]}""");

        response.EnsureSuccessStatusCode();
        Assert.Equal(1_000, (await response.ReadJsonAsync()).GetProperty("predictions").GetArrayLength());
    }

    public static TheoryData<string, string> BadBatches => new()
    {
        { """{"instances":[]}""", "instances" },
        { """{}""", "instances" },
        { """{"instances":{"sepalLength":5.1}}""", "instances" },
        { """{"instances":[[5.1,3.5,1.4]]}""", "instances" },
        { """{"instances":[[5.1,3.5,1.4,0.2,9]]}""", "instances" },
        { """{"instances":[["5.1",3.5,1.4,0.2]]}""", "instances" },
        { """{"instances":[[5.1,3.5,1.4,0.2],{"sepalLength":-1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}]}""", "instances[1].sepalLength" },
        { """{"instances":[[5.1,3.5,1.4,0.2]],"extra":true}""", "extra" },
        { $$"""{"instances":[{{string.Join(',', Enumerable.Repeat("[1,1,1,1]", 1_001))}}]}""", "instances" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task BatchRejectsBadInstancesNamingWhere(string json, string field)
    {
        var response = await _client.PostJsonAsync("/predict/batch", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task ModelDescribesVersionFeaturesClassesAndQuality()
    {
        var model = await _client.GetFromJsonAsync<JsonElement>("/model");
        var prediction = await (await _client.PredictAsync(SampleFlowers.Setosa)).ReadJsonAsync();

        Assert.Equal("iris", model.GetProperty("name").GetString());
        Assert.Equal(prediction.GetProperty("modelVersion").GetString(), model.GetProperty("version").GetString());
        Assert.Equal(4, model.GetProperty("features").GetArrayLength());
        Assert.Equal(3, model.GetProperty("classes").GetArrayLength());
        Assert.True(model.GetProperty("evaluation").GetProperty("macroAccuracy").GetDouble() >= 0.96);
    }

    [Fact]
    public async Task HistoryIsUnavailableWithoutRedisWhilePredictionsWork()
    {
        var prediction = await _client.PredictAsync(SampleFlowers.Setosa);
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
