using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Telemetry;

/// <summary>
/// The scrape endpoint on its own port, in Prometheus text format, with the serving metrics of every
/// protocol; and never on the predictor's own ports.
/// </summary>
public sealed class PrometheusMetricsTests : IDisposable
{
    private readonly int _metricsPort = LoopbackPort.FreeForRestarts();
    private readonly PredictorFactory _predictor;

    public PrometheusMetricsTests()
    {
        _predictor = new PredictorFactory(new Dictionary<string, string?>
        {
            ["Metrics:Host"] = "127.0.0.1",
            ["Metrics:Port"] = _metricsPort.ToString(),
        });
    }

    [Fact]
    public async Task MetricsCountInferencesByProtocolAndOutcomeOnTheirOwnPort()
    {
        using var client = _predictor.CreateClient();
        (await client.PredictAsync(SampleFlowers.Setosa)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/predict", """{"sepalLength":-1}""")).StatusCode);
        (await client.PostJsonAsync("/v2/models/iris/infer",
            """{"inputs":[{"name":"input-0","shape":[2,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2,6.3,3.3,6.0,2.5]}]}""")).EnsureSuccessStatusCode();
        await GrpcInferAsync("iris");
        await Assert.ThrowsAsync<RpcException>(() => GrpcInferAsync("no-such-model"));

        var scrape = await ScrapeUntil(text =>
            Counted(text, "iris", "success") && Counted(text, "iris", "failure") && Counted(text, "v2-rest", "success")
            && Counted(text, "v2-grpc", "success") && Counted(text, "v2-grpc", "failure"));

        Assert.Contains("# TYPE iris_inference_duration_seconds histogram", scrape);
        Assert.Contains("# TYPE iris_inference_batch_size histogram", scrape);
        Assert.Matches(@"iris_inference_batch_size_bucket\{[^}]*protocol=""v2-rest""[^}]*le=""2""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"iris_model_info\{[^}]*model_version=""[0-9a-f]+""", scrape);
        Assert.Contains("http_server_request_duration_seconds_bucket", scrape);
        // docs/telemetry.md's metrics, as Prometheus names them.
        Assert.Contains("# TYPE iris_prediction_duration_seconds histogram", scrape);
        Assert.Matches(@"iris_predictions_total\{[^}]*species=""setosa""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"iris_cache_lookups_total\{[^}]*result=""bypass""[^}]*\} [1-9]", scrape);
    }

    [Fact]
    public async Task TheServingMetricsCarryTheVersionOfTheModelServed()
    {
        using var client = _predictor.CreateClient();
        (await client.PredictAsync(SampleFlowers.Setosa)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/predict", """{"sepalLength":-1}""")).StatusCode);

        var scrape = await ScrapeUntil(text => Counted(text, "iris", "success") && Counted(text, "iris", "failure"));

        // The same label as the model's info, so that one query per question sets a canary beside the stable model.
        var version = Regex.Match(scrape, @"iris_model_info\{[^}]*model_version=""([0-9a-f]+)""").Groups[1].Value;
        Assert.NotEmpty(version);
        Assert.True(Sampled(scrape, "iris_inference_requests_total", version, "outcome=\"success\""));
        Assert.True(Sampled(scrape, "iris_inference_requests_total", version, "outcome=\"failure\""));
        Assert.True(Sampled(scrape, "iris_inference_duration_seconds_count", version));
        Assert.True(Sampled(scrape, "iris_inference_batch_size_count", version));
        Assert.True(Sampled(scrape, "iris_predictions_total", version, "species=\"setosa\""));
        Assert.True(Sampled(scrape, "iris_prediction_duration_seconds_count", version));
    }

    [Fact]
    public async Task TheApiPortsDoNotAnswerMetrics()
    {
        using var client = _predictor.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    public void Dispose() => _predictor.Dispose();

    /// <summary>Whether the scrape has a sample above 0 of the metric for that model version (and label), whatever the labels' order.</summary>
    private static bool Sampled(string scrape, string metric, string version, string? label = null) =>
        scrape.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal)
            && line.Contains($"model_version=\"{version}\"") && (label is null || line.Contains(label)) && !line.TrimEnd().EndsWith(" 0", StringComparison.Ordinal));

    /// <summary>Whether the scrape has a sample of the request counter with these labels, whatever their order.</summary>
    private static bool Counted(string scrape, string protocol, string outcome) =>
        scrape.Split('\n').Any(line => line.StartsWith("iris_inference_requests_total{", StringComparison.Ordinal)
            && line.Contains("model=\"iris\"") && line.Contains($"protocol=\"{protocol}\"") && line.Contains($"outcome=\"{outcome}\""));

    /// <summary>Scrapes until the text holds what is expected: a request is counted as its answer is sent, not before.</summary>
    private async Task<string> ScrapeUntil(Func<string, bool> complete)
    {
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}") };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            using var response = await scraper.GetAsync("/metrics", deadline.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            if (complete(text))
            {
                return text;
            }
            await Task.Delay(200, deadline.Token);
        }
    }

    /// <summary>ModelInfer of one flower, encoded by hand from the protocol's field numbers (the generated client lives in another assembly).</summary>
    private async Task GrpcInferAsync(string model)
    {
        var tensor = new MemoryStream();
        var tensorOut = new CodedOutputStream(tensor);
        tensorOut.WriteTag(1, WireFormat.WireType.LengthDelimited); tensorOut.WriteString("input-0");
        tensorOut.WriteTag(2, WireFormat.WireType.LengthDelimited); tensorOut.WriteString("FP32");
        tensorOut.WriteTag(3, WireFormat.WireType.LengthDelimited); tensorOut.WriteLength(2); tensorOut.WriteInt64(1); tensorOut.WriteInt64(4);
        var contents = new MemoryStream();
        var contentsOut = new CodedOutputStream(contents);
        contentsOut.WriteTag(6, WireFormat.WireType.LengthDelimited); contentsOut.WriteLength(16);
        foreach (var value in new[] { 5.1f, 3.5f, 1.4f, 0.2f })
        {
            contentsOut.WriteFloat(value);
        }
        contentsOut.Flush();
        tensorOut.WriteTag(5, WireFormat.WireType.LengthDelimited); tensorOut.WriteBytes(ByteString.CopyFrom(contents.ToArray()));
        tensorOut.Flush();
        var request = new MemoryStream();
        var requestOut = new CodedOutputStream(request);
        requestOut.WriteTag(1, WireFormat.WireType.LengthDelimited); requestOut.WriteString(model);
        requestOut.WriteTag(5, WireFormat.WireType.LengthDelimited); requestOut.WriteBytes(ByteString.CopyFrom(tensor.ToArray()));
        requestOut.Flush();

        var bytes = Marshallers.Create(b => b, b => b);
        var infer = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", "ModelInfer", bytes, bytes);
        using var channel = GrpcChannel.ForAddress(_predictor.GrpcAddress);
        await channel.CreateCallInvoker().AsyncUnaryCall(infer, null, new CallOptions(), request.ToArray());
    }
}
