using Grpc.Net.Client;
using Iris.Gateway.Tests.Infrastructure;
using Iris.Predictor.Inference.Grpc;

namespace Iris.Gateway.Tests.Canary;

/// <summary>Inference over gRPC shared like REST, between two real predictors serving different models.</summary>
[Collection(StableAndCandidateCollection.Name)]
public sealed class GrpcCanarySplitTests(StableAndCandidate models)
{
    [Fact]
    public async Task TheCanaryAnswersItsShareOfInferenceCalls()
    {
        await using var gateway = new GatewayFactory(
            [models.Stable.Address], models.Stable.Address, GatewaySettings.Canary("predictor-grpc", [models.Candidate.GrpcAddress], "30"), [models.Stable.GrpcAddress]).Started();
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);

        var versions = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            versions.Add((await client.ModelInferAsync(StableAndCandidate.GrpcInference())).ModelVersion);
        }

        // Each call goes to the canary with probability 0.3 on its own: a binomial count with mean 300 and
        // standard deviation 14.5 over 1,000 calls. Five deviations either way (228 to 372) fail a correct
        // split about once in 1.7 million runs; ignoring the setting would give 0 or about 500.
        Assert.InRange(versions.Count(version => version == models.CandidateVersion), 228, 372);
        Assert.Equal(2, versions.Distinct().Count());
    }
}
