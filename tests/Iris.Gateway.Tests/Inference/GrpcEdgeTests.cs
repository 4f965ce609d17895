using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Iris.Gateway.Tests.Infrastructure;
using Iris.Predictor.Inference.Grpc;

namespace Iris.Gateway.Tests.Inference;

/// <summary>The gateway's edge for gRPC clients: its own refusals as gRPC statuses, failover, and the service address as Aspirate writes it.</summary>
[Collection(BackendsCollection.Name)]
public sealed class GrpcEdgeTests(Backends backends)
{
    private static readonly ModelInferRequest OneFlower = new()
    {
        ModelName = "iris",
        Inputs = { new ModelInferRequest.Types.InferInputTensor { Name = "input-0", Datatype = "FP32", Shape = { 1, 4 } } },
        RawInputContents = { ByteString.CopyFrom([.. new[] { 6.3f, 3.3f, 6.0f, 2.5f }.SelectMany(BitConverter.GetBytes)]) },
    };

    private static GRPCInferenceService.GRPCInferenceServiceClient Client(GatewayFactory gateway, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        return new GRPCInferenceService.GRPCInferenceServiceClient(channel);
    }

    [Fact]
    public async Task ABurstBeyondTheBucketIsResourceExhausted()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address, new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:TokensPerSecond"] = "1",
            ["Gateway:RateLimit:Burst"] = "3",
        }, backends.Predictor.GrpcAddress).Started();
        var client = Client(gateway, out var channel);
        using var _ = channel;

        // All at once: however slowly a loaded machine sends them, 20 calls cannot all find a token.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await client.ServerLiveAsync(new ServerLiveRequest());
                return (Status: StatusCode.OK, Detail: "");
            }
            catch (RpcException ex)
            {
                return (Status: ex.StatusCode, Detail: ex.Status.Detail);
            }
        }));

        Assert.Contains(outcomes, o => o.Status == StatusCode.OK);
        Assert.Contains(outcomes, o => o.Status == StatusCode.ResourceExhausted);
        Assert.All(outcomes.Where(o => o.Status != StatusCode.OK), o =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, o.Status);
            Assert.Contains("more requests than the gateway allows", o.Detail);
        });
    }

    [Fact]
    public async Task APredictorThatIsDownIsUnavailable()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address, grpcPredictor: backends.Down).Started();
        var client = Client(gateway, out var channel);
        using var _ = channel;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ModelInferAsync(OneFlower));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("not answering", error.Status.Detail);
    }

    [Fact]
    public async Task WithOneOfTwoPredictorsDownEveryCallIsAnswered()
    {
        await using var gateway = new GatewayFactory([backends.Predictor.Address], backends.Web.Address,
            grpcPredictors: [backends.Down, backends.Predictor.GrpcAddress]).Started();
        var client = Client(gateway, out var channel);
        using var _ = channel;

        for (var i = 0; i < 50; i++)
        {
            var response = await client.ModelInferAsync(OneFlower);
            Assert.Equal(2, response.RawOutputContents.Count);
        }
    }

    [Fact]
    public async Task AnUnknownServiceIsUnimplementedNotAPage()
    {
        await using var gateway = GatewayFactory.InFrontOf(backends).Started();
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var method = new Grpc.Core.Method<byte[], byte[]>(MethodType.Unary, "example.NoSuchService", "Call",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), []));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task AServiceAddressWithoutSchemeAsAspirateWritesItReachesThePredictor()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:predictor-grpc:Destinations:predictor:Address"] = "http://_grpc.predictor",
            ["services:predictor:grpc:0"] = $"127.0.0.1:{backends.Predictor.GrpcPort}",
        }).Started();
        var client = Client(gateway, out var channel);
        using var _ = channel;

        var response = await client.ServerLiveAsync(new ServerLiveRequest());

        Assert.True(response.Live);
    }
}
