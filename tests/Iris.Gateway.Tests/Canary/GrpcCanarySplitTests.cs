using Grpc.Net.Client;
using Iris.Gateway.Tests.Infrastructure;
using Iris.Predictor.Inference.Grpc;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// Inference over gRPC shared like REST: two real predictors, the stable model and a candidate trained
/// by the predictor's train command, behind the gateway's h2c port; each answer names its model's version.
/// </summary>
public sealed class GrpcCanarySplitTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("iris-canary-").FullName;
    private ServiceProcess _stable = null!;
    private ServiceProcess _canary = null!;
    private string _candidateVersion = null!;

    public async Task InitializeAsync()
    {
        var (model, version) = CandidateModel.TrainInto(_directory);
        _candidateVersion = version;
        _stable = await ServiceProcess.StartAsync("Iris.Predictor");
        _canary = await ServiceProcess.StartAsync("Iris.Predictor", new Dictionary<string, string?> { ["Model__Path"] = model });
    }

    [Fact]
    public async Task TheCanaryAnswersItsShareOfInferenceCalls()
    {
        await using var gateway = new GatewayFactory(
            [_stable.Address], _stable.Address, GatewaySettings.Canary("predictor-grpc", [_canary.GrpcAddress], "30"), [_stable.GrpcAddress]).Started();
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);

        var versions = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            versions.Add((await client.ModelInferAsync(Setosa())).ModelVersion);
        }

        // Each call goes to the canary with probability 0.3 on its own: a binomial count with mean 300 and
        // standard deviation 14.5 over 1,000 calls. Five deviations either way (228 to 372) fail a correct
        // split about once in 1.7 million runs; ignoring the setting would give 0 or about 500.
        Assert.InRange(versions.Count(version => version == _candidateVersion), 228, 372);
        Assert.Equal(2, versions.Distinct().Count());
    }

    private static ModelInferRequest Setosa() => new()
    {
        ModelName = "iris",
        Inputs =
        {
            new ModelInferRequest.Types.InferInputTensor
            {
                Name = "input-0", Datatype = "FP32", Shape = { 1, 4 },
                Contents = new InferTensorContents { Fp32Contents = { 5.1f, 3.5f, 1.4f, 0.2f } },
            },
        },
    };

    public async Task DisposeAsync()
    {
        await _canary.DisposeAsync();
        await _stable.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
