using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Inference;

/// <summary>The Open Inference Protocol (KServe V2) REST API, as a V2 client would use it.</summary>
public sealed class InferenceApiTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ServerMetadataLivenessAndReadinessAnswer()
    {
        var metadata = await _client.GetFromJsonAsync<JsonElement>("/v2");
        var live = await _client.GetFromJsonAsync<JsonElement>("/v2/health/live");
        var ready = await _client.GetFromJsonAsync<JsonElement>("/v2/health/ready");

        Assert.False(string.IsNullOrEmpty(metadata.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(metadata.GetProperty("version").GetString()));
        Assert.Equal(JsonValueKind.Array, metadata.GetProperty("extensions").ValueKind);
        Assert.True(live.GetProperty("live").GetBoolean());
        Assert.True(ready.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task ModelMetadataDescribesTheInputAndOutputTensors()
    {
        var model = await _client.GetFromJsonAsync<JsonElement>("/v2/models/iris");

        Assert.Equal("iris", model.GetProperty("name").GetString());
        var input = Assert.Single(model.GetProperty("inputs").EnumerateArray());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal([-1, 4], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        var outputs = model.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal("BYTES", outputs["species"].GetProperty("datatype").GetString());
        Assert.Equal("FP32", outputs["probabilities"].GetProperty("datatype").GetString());
        Assert.Equal([-1, 3], outputs["probabilities"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
    }

    [Fact]
    public async Task ModelReadyAnswersForTheModelAndItsCurrentVersion()
    {
        var version = (await _client.GetFromJsonAsync<JsonElement>("/v2/models/iris")).GetProperty("versions")[0].GetString();

        var ready = await _client.GetAsync("/v2/models/iris/ready");
        var versionReady = await _client.GetAsync($"/v2/models/iris/versions/{version}/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, versionReady.StatusCode);
        Assert.True((await ready.ReadJsonAsync()).GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task InferScoresFlatAndNestedDataAndEchoesTheId()
    {
        var flat = await _client.PostJsonAsync("/v2/models/iris/infer",
            """{"id":"req-1","inputs":[{"name":"input-0","shape":[3,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2,7.0,3.2,4.7,1.4,6.3,3.3,6.0,2.5]}]}""");
        var nested = await _client.PostJsonAsync("/v2/models/iris/infer",
            """{"inputs":[{"name":"input-0","shape":[3,4],"datatype":"FP32","data":[[5.1,3.5,1.4,0.2],[7.0,3.2,4.7,1.4],[6.3,3.3,6.0,2.5]]}]}""");

        foreach (var response in new[] { flat, nested })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal("iris", body.GetProperty("model_name").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("model_version").GetString()));
            var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
            Assert.Equal(["setosa", "versicolor", "virginica"], outputs["species"].GetProperty("data").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal([3], outputs["species"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal([3, 3], outputs["probabilities"].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            var probabilities = outputs["probabilities"].GetProperty("data").EnumerateArray().Select(p => p.GetDouble()).ToArray();
            Assert.Equal(9, probabilities.Length);
            Assert.Equal(1.0, probabilities[..3].Sum(), precision: 4);
        }
        Assert.Equal("req-1", (await flat.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task InferReturnsOnlyTheRequestedOutputs()
    {
        var response = await _client.PostJsonAsync("/v2/models/iris/infer",
            """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[6.3,3.3,6.0,2.5]}],"outputs":[{"name":"species"}]}""");

        var output = Assert.Single((await response.ReadJsonAsync()).GetProperty("outputs").EnumerateArray());
        Assert.Equal("species", output.GetProperty("name").GetString());
    }

    public static TheoryData<string> BadInferenceRequests => new()
    {
        """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"INT64","data":[5,3,1,0]}]}""",
        """{"inputs":[{"name":"input-0","shape":[1,3],"datatype":"FP32","data":[5.1,3.5,1.4]}]}""",
        """{"inputs":[{"name":"input-0","shape":[2,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""",
        """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,"x"]}]}""",
        """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,-2]}]}""",
        """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[[[5.1,3.5,1.4,0.2]]]}]}""",
        """{"inputs":[{"name":"other","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""",
        """{"inputs":[{"name":"input-0","shape":[1001,4],"datatype":"FP32","data":[]}]}""",
        """{"inputs":[{"name":"input-0","shape":[0,4],"datatype":"FP32","data":[]}]}""",
        """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}],"outputs":[{"name":"colour"}]}""",
        """{"inputs":[]}""",
        """{"id":5,"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""",
        """{}""",
        """[]""",
        """{"inputs":[{"name":"input-0""",
    };

    [Theory]
    [MemberData(nameof(BadInferenceRequests))]
    public async Task InferAnswersABadRequestWith400AndAnErrorMessage(string json)
    {
        var response = await _client.PostJsonAsync("/v2/models/iris/infer", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("GET", "/v2/models/roses")]
    [InlineData("GET", "/v2/models/roses/ready")]
    [InlineData("POST", "/v2/models/roses/infer")]
    [InlineData("GET", "/v2/models/iris/versions/000000000000/ready")]
    [InlineData("POST", "/v2/models/iris/versions/000000000000/infer")]
    public async Task AnUnknownModelOrVersionIs404WithAnErrorMessage(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""", Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.ReadJsonAsync()).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task InferReadsABodyByItsFramingWhateverItsContentTypeSays()
    {
        // As Triton: the Content-Type is not what decides (tritonclient sends none, curl a form type).
        var csv = await _client.PostAsync("/v2/models/iris/infer", new StringContent("5.1,3.5,1.4,0.2", Encoding.UTF8, "text/csv"));
        var json = await _client.PostAsync("/v2/models/iris/infer", new StringContent(
            """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains("not valid JSON", (await csv.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
    }

    [Fact]
    public async Task InferRefusesABodyOver64KiBWith413()
    {
        var data = string.Join(',', Enumerable.Repeat("5.1000000001234567,3.5000000001234567,1.4000000001234567,0.2000000001234567", 1_000));

        var response = await _client.PostJsonAsync("/v2/models/iris/infer",
            $$"""{"inputs":[{"name":"input-0","shape":[1000,4],"datatype":"FP32","data":[{{data}}]}]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
