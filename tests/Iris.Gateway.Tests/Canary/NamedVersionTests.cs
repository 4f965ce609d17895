using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Iris.Gateway.Tests.Infrastructure;
using Iris.Predictor.Inference.Grpc;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// A V2 request that names a model version reaches a predictor serving it, whatever the canary's share,
/// over REST and gRPC; a version no predictor serves gets the protocol's 404 or NOT_FOUND. The gateway
/// learns each predictor's version from its health probes, so every test first waits for a run of
/// answers from the version asked for: at a share of 50%, a gateway that ignored the version would give
/// a run of 30 by chance about once in a billion times, and then fail the 100 calls that follow.
/// </summary>
[Collection(StableAndCandidateCollection.Name)]
public sealed class NamedVersionTests(StableAndCandidate models) : IAsyncLifetime
{
    private const int Calls = 100;
    private const int Run = 30;

    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;
    private GrpcChannel _channel = null!;
    private GRPCInferenceService.GRPCInferenceServiceClient _grpc = null!;

    public Task InitializeAsync()
    {
        var settings = GatewaySettings.Canary("predictor", [models.Candidate.Address], "50");
        foreach (var (key, value) in GatewaySettings.Canary("predictor-grpc", [models.Candidate.GrpcAddress], "50"))
        {
            settings[key] = value;
        }
        _gateway = new GatewayFactory([models.Stable.Address], models.Stable.Address, settings, [models.Stable.GrpcAddress]);
        _client = _gateway.CreateEdgeClient();
        _channel = GrpcChannel.ForAddress(_gateway.GrpcAddress);
        _grpc = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task RestRequestsThatNameAVersionReachIt()
    {
        foreach (var version in new[] { models.StableVersion, models.CandidateVersion })
        {
            await WaitForARunAsync(() => RestInferAsync(version), version);
            for (var i = 0; i < Calls; i++)
            {
                Assert.Equal(version, await RestInferAsync(version));
                using var metadata = await _client.GetAsync($"/v2/models/iris/versions/{version}");
                Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
                using var ready = await _client.GetAsync($"/v2/models/iris/versions/{version}/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
        }
    }

    [Fact]
    public async Task ARestRequestForAVersionNoPredictorServesGetsTheProtocols404()
    {
        await WaitForARunAsync(() => RestInferAsync(models.CandidateVersion), models.CandidateVersion);

        using var response = await _client.PostAsync("/v2/models/iris/versions/0123456789ab/infer", StableAndCandidate.RestInference());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("error").GetString();
        Assert.Contains("no version '0123456789ab'", error);
    }

    [Fact]
    public async Task GrpcCallsThatNameAVersionReachIt()
    {
        foreach (var version in new[] { models.StableVersion, models.CandidateVersion })
        {
            await WaitForARunAsync(() => GrpcInferAsync(version), version);
            for (var i = 0; i < Calls; i++)
            {
                Assert.Equal(version, await GrpcInferAsync(version));
                var metadata = await _grpc.ModelMetadataAsync(new ModelMetadataRequest { Name = "iris", Version = version });
                Assert.Equal([version], metadata.Versions);
                var ready = await _grpc.ModelReadyAsync(new ModelReadyRequest { Name = "iris", Version = version });
                Assert.True(ready.Ready);
            }
        }
    }

    [Fact]
    public async Task AGrpcCallForAVersionNoPredictorServesGetsNotFound()
    {
        await WaitForARunAsync(() => GrpcInferAsync(models.CandidateVersion), models.CandidateVersion);

        var refused = await Assert.ThrowsAsync<RpcException>(() => _grpc.ModelInferAsync(StableAndCandidate.GrpcInference("0123456789ab")).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Contains("no version '0123456789ab'", refused.Status.Detail);
    }

    /// <summary>The version that answered, or the status when the call was refused.</summary>
    private async Task<string> RestInferAsync(string version)
    {
        using var response = await _client.PostAsync($"/v2/models/iris/versions/{version}/infer", StableAndCandidate.RestInference());
        return response.IsSuccessStatusCode
            ? (await response.ReadJsonAsync()).GetProperty("model_version").GetString()!
            : response.StatusCode.ToString();
    }

    private async Task<string> GrpcInferAsync(string version)
    {
        try
        {
            return (await _grpc.ModelInferAsync(StableAndCandidate.GrpcInference(version))).ModelVersion;
        }
        catch (RpcException refused)
        {
            return refused.StatusCode.ToString();
        }
    }

    /// <summary>Waits until <see cref="Run"/> answers in a row come from <paramref name="version"/>: the gateway has probed both predictors.</summary>
    private static async Task WaitForARunAsync(Func<Task<string>> call, string version)
    {
        var inARow = 0;
        await Eventually.HoldsAsync(async () =>
        {
            inARow = await call() == version ? inARow + 1 : 0;
            return inARow;
        }, count => count >= Run, $"{Run} answers in a row from version {version}");
    }
}
