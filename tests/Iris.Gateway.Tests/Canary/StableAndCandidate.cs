using System.Net.Http.Json;
using Iris.Predictor.Inference.Grpc;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// Two real predictors: the committed model (stable) and a candidate trained by the predictor's
/// <c>train</c> command, each naming its own version in every answer.
/// </summary>
public sealed class StableAndCandidate : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("iris-canary-").FullName;

    public ServiceProcess Stable { get; private set; } = null!;

    public ServiceProcess Candidate { get; private set; } = null!;

    public string StableVersion { get; private set; } = null!;

    public string CandidateVersion { get; private set; } = null!;

    /// <summary>The candidate's model file, for tests that run predictors of their own on it.</summary>
    public string CandidateModelPath { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Trained once for every test of the collection: training cross-validates, and the machine is shared.
        (CandidateModelPath, CandidateVersion) = CandidateModel.TrainInto(_directory);
        Stable = await ServiceProcess.StartAsync("Iris.Predictor");
        Candidate = await ServiceProcess.StartAsync("Iris.Predictor", new Dictionary<string, string?> { ["Model__Path"] = CandidateModelPath });

        using var client = new HttpClient { BaseAddress = new Uri(Stable.Address) };
        var metadata = await client.GetFromJsonAsync<ModelMetadata>("/v2/models/iris");
        StableVersion = Assert.Single(metadata!.Versions);
        Assert.NotEqual(StableVersion, CandidateVersion);
    }

    public async Task DisposeAsync()
    {
        await Candidate.DisposeAsync();
        await Stable.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A V2 REST inference request for one flower.</summary>
    public static HttpContent RestInference() =>
        Infrastructure.Requests.Json("""{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""");

    /// <summary>A V2 gRPC inference request for one flower, for <paramref name="version"/> (empty: any).</summary>
    public static ModelInferRequest GrpcInference(string version = "") => new()
    {
        ModelName = "iris",
        ModelVersion = version,
        Inputs =
        {
            new ModelInferRequest.Types.InferInputTensor
            {
                Name = "input-0", Datatype = "FP32", Shape = { 1, 4 },
                Contents = new InferTensorContents { Fp32Contents = { 5.1f, 3.5f, 1.4f, 0.2f } },
            },
        },
    };

    private sealed record ModelMetadata(string[] Versions);
}

[CollectionDefinition(Name)]
public sealed class StableAndCandidateCollection : ICollectionFixture<StableAndCandidate>
{
    public const string Name = "Stable and candidate";
}
