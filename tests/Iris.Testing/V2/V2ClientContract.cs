using System.Text;
using System.Text.Json;
using Xunit;

namespace Iris.Testing.V2;

/// <summary>
/// What a Triton or KServe Python client with its defaults needs from a V2 server, replayed byte for
/// byte against <see cref="Server"/>: the predictor itself, or the gateway in front of it.
/// </summary>
public abstract class V2ClientContract
{
    /// <summary>Where the requests go: an http://host:port address.</summary>
    protected abstract Uri Server { get; }

    private static readonly byte[] OneSetosa = [.. new[] { 5.1f, 3.5f, 1.4f, 0.2f }.SelectMany(BitConverter.GetBytes)];

    [Theory]
    [InlineData("/v2/health/live", "live")]
    [InlineData("/v2/health/ready", "ready")]
    [InlineData("/v2/models/iris/ready", "ready")]
    public async Task HealthAndReadinessAnswer200WithTheJsonKServeReads(string path, string field)
    {
        var triton = await RawHttp.SendAsync(Server, ClientRequests.TritonGet(Server, path));
        var kserve = await RawHttp.SendAsync(Server, ClientRequests.KServeGet(Server, path));

        foreach (var response in new[] { triton, kserve })
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("application/json", response.Header("Content-Type"));
            Assert.True(JsonDocument.Parse(response.Body).RootElement.GetProperty(field).GetBoolean());
        }
    }

    [Fact]
    public async Task ServerMetadataAdvertisesTheBinaryTensorDataExtension()
    {
        var response = await RawHttp.SendAsync(Server, ClientRequests.TritonGet(Server, "/v2"));

        Assert.Equal(200, response.Status);
        var metadata = JsonDocument.Parse(response.Body).RootElement;
        Assert.Contains("binary_tensor_data", metadata.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ModelMetadataNamesThePlatformInTheProtocolsForm()
    {
        var response = await RawHttp.SendAsync(Server, ClientRequests.TritonGet(Server, "/v2/models/iris"));

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        // The protocol's <project>_<format>: an ML.NET model saved as a zip file.
        Assert.Equal("mlnet_zip", JsonDocument.Parse(response.Body).RootElement.GetProperty("platform").GetString());
    }

    [Fact]
    public async Task TritonJsonInferWithoutAContentTypeIsReadAsJson()
    {
        var response = await RawHttp.SendAsync(Server, ClientRequests.TritonJson(Server));

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        var answer = InferenceAnswer.Read(response);
        Assert.False(answer.Outputs["species"].WasBinary);
        Assert.Equal(["setosa"], answer.Species);
        Assert.Equal(3, answer.Probabilities.Length);
        Assert.True(answer.Probabilities[0] > 0.9f);
    }

    [Fact]
    public async Task TritonDefaultBinaryInferGetsBinaryOutputsEqualToTheJsonOnes()
    {
        var binary = await RawHttp.SendAsync(Server, ClientRequests.TritonBinary(Server, 1, OneSetosa));
        var json = await RawHttp.SendAsync(Server, ClientRequests.TritonJson(Server));

        Assert.Equal(200, binary.Status);
        Assert.Equal("application/octet-stream", binary.Header("Content-Type"));
        Assert.NotNull(binary.Header("Inference-Header-Content-Length"));
        var fromBinary = InferenceAnswer.Read(binary);
        Assert.True(fromBinary.Outputs["species"].WasBinary);
        Assert.True(fromBinary.Outputs["probabilities"].WasBinary);
        Assert.Equal([1L], fromBinary.Outputs["species"].Shape);
        Assert.Equal([1L, 3L], fromBinary.Outputs["probabilities"].Shape);
        var fromJson = InferenceAnswer.Read(json);
        Assert.Equal(fromJson.Species, fromBinary.Species);
        Assert.Equal(fromJson.Probabilities, fromBinary.Probabilities);
    }

    [Fact]
    public async Task TritonDefaultBinaryInferOfFishersFlowersAgreesWithTheirLabels()
    {
        var flowers = FisherFlowers.All;

        var response = await RawHttp.SendAsync(Server, ClientRequests.TritonBinary(Server, flowers.Count, FisherFlowers.RawFp32()));

        Assert.Equal(200, response.Status);
        var answer = InferenceAnswer.Read(response);
        Assert.Equal(flowers.Count, answer.Species.Length);
        Assert.Equal(flowers.Count * 3, answer.Probabilities.Length);
        var agreeing = flowers.Zip(answer.Species).Count(pair => pair.First.Species == pair.Second);
        Assert.True(agreeing >= 144, $"{agreeing} of {flowers.Count} agree with their labels.");
    }

    [Fact]
    public async Task AnOutputsOwnBinaryDataSettingDecidesItsEncoding()
    {
        var response = await RawHttp.SendAsync(Server,
            ClientRequests.TritonBinaryWithOutputs(Server, 1, OneSetosa, speciesBinary: true, probabilitiesBinary: false));

        Assert.Equal(200, response.Status);
        var answer = InferenceAnswer.Read(response);
        Assert.True(answer.Outputs["species"].WasBinary);
        Assert.False(answer.Outputs["probabilities"].WasBinary);
        Assert.Equal(["setosa"], answer.Species);
    }

    [Fact]
    public async Task KServeDefaultBinaryInferGetsJsonOutputsAndItsId()
    {
        var one = await RawHttp.SendAsync(Server, ClientRequests.KServeBinary(Server, 1, OneSetosa, id: "kserve-1"));
        var all = await RawHttp.SendAsync(Server, ClientRequests.KServeBinary(Server, FisherFlowers.All.Count, FisherFlowers.RawFp32()));

        Assert.Equal(200, one.Status);
        Assert.Equal("application/json", one.Header("Content-Type"));
        var answer = InferenceAnswer.Read(one);
        Assert.Equal("kserve-1", answer.Header.GetProperty("id").GetString());
        Assert.Equal("iris", answer.Header.GetProperty("model_name").GetString());
        Assert.Equal(["setosa"], answer.Species);
        Assert.Equal(200, all.Status);
        Assert.Equal(FisherFlowers.All.Count, InferenceAnswer.Read(all).Species.Length);
    }

    [Fact]
    public async Task KServeJsonInferIsAnswered()
    {
        var response = await RawHttp.SendAsync(Server, ClientRequests.KServeJson(Server));

        Assert.Equal(200, response.Status);
        Assert.Equal(["setosa"], InferenceAnswer.Read(response).Species);
    }

    [Fact]
    public async Task AnErrorReachesKServeAsApplicationJsonWithItsMessage()
    {
        var response = await RawHttp.SendAsync(Server, ClientRequests.KServeJson(Server, model: "roses"));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.Contains("roses", JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ACurlPostWithItsDefaultFormContentTypeIsReadAsJson()
    {
        const string body = """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""";
        var request = RawHttp.Request(
            $"POST /v2/models/iris/infer HTTP/1.1\nHost: 127.0.0.1:{{port}}\nUser-Agent: curl/7.88.1\nAccept: */*\nContent-Length: {body.Length}\nContent-Type: application/x-www-form-urlencoded",
            Server, Encoding.UTF8.GetBytes(body));

        var response = await RawHttp.SendAsync(Server, request);

        Assert.Equal(200, response.Status);
        Assert.Equal(["setosa"], InferenceAnswer.Read(response).Species);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}],"outputs":[{"name":"species","parameters":{"classification":2}}]}""", "classification")]
    [InlineData("""{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16,"shared_memory_region":"input0_data"}}]}""", "shared-memory")]
    [InlineData("""{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}],"outputs":[{"name":"probabilities","parameters":{"shared_memory_region":"out","shared_memory_byte_size":12}}]}""", "shared-memory")]
    public async Task AnExtensionIrisDoesNotOfferIsRefusedRatherThanAnsweredDifferently(string header, string extension)
    {
        var response = await RawHttp.SendAsync(Server, ClientRequests.Framing(Server, header, OneSetosa, Encoding.UTF8.GetByteCount(header)));

        Assert.Equal(400, response.Status);
        Assert.Contains(extension, JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ParametersTheServerDoesNotUseAreIgnored()
    {
        const string header = """{"id":"p","inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16,"custom_input":true}}],"outputs":[{"name":"species","parameters":{"classification":0,"binary_data":false}}],"parameters":{"priority":1,"timeout":100000,"sequence_id":0,"custom_key":"value"}}""";

        var response = await RawHttp.SendAsync(Server, ClientRequests.Framing(Server, header, OneSetosa, Encoding.UTF8.GetByteCount(header)));

        Assert.Equal(200, response.Status);
        Assert.Equal(["setosa"], InferenceAnswer.Read(response).Species);
    }

    public static TheoryData<string, int, int> WrongFramings => new()
    {
        // Header JSON, raw byte count, declared header length (-1: the header's real length).
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 16, 10_000 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 16, 0 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":12}}]}""", 12, -1 },
        { """{"inputs":[{"name":"input-0","shape":[2,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 16, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 20, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 8, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":-16}}]}""", 16, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":"16"}}]}""", 16, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""", 16, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16},"data":[5.1,3.5,1.4,0.2]}]}""", 16, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 16, 40 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}],"parameters":{"binary_data_output":"yes"}}""", 16, -1 },
        { """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":16}]}""", 16, -1 },
        // Strings that are JSON but not text: a lone surrogate, in the id and in a name.
        { """{"id":"\ud800","inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 16, -1 },
        { """{"inputs":[{"name":"input-0\udc00","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""", 16, -1 },
    };

    [Theory]
    [MemberData(nameof(WrongFramings))]
    public async Task AWrongFramingIs400WithAClearError(string header, int rawBytes, int headerLength)
    {
        var raw = new byte[rawBytes];
        for (var i = 0; i + 4 <= raw.Length; i += 4)
        {
            BitConverter.TryWriteBytes(raw.AsSpan(i), 1.5f);
        }
        var declared = headerLength < 0 ? Encoding.UTF8.GetByteCount(header) : headerLength;

        var response = await RawHttp.SendAsync(Server, ClientRequests.Framing(Server, header, raw, declared));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1e3")]
    public async Task AHeaderLengthThatIsNotACountIs400(string value)
    {
        const string header = """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}""";
        var response = await RawHttp.SendAsync(Server, ClientRequests.Framing(Server, header, OneSetosa, value));

        Assert.Equal(400, response.Status);
        Assert.Contains("Inference-Header-Content-Length", JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString());
    }
}
