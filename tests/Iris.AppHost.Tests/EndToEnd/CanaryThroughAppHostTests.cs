using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary><c>--Canary:Model</c> and <c>--Canary:Percent=100</c>: the candidate serves every prediction through the gateway.</summary>
public sealed class CanaryThroughAppHostTests(IrisAppWithCanary iris) : IClassFixture<IrisAppWithCanary>
{
    private const string StableVersion = "b54e9b91b638";

    [Fact]
    public async Task TheCanaryRunsBesideTheStableReplicas()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        await iris.App.ResourceNotifications.WaitForResourceHealthyAsync("predictor-canary", timeout.Token);
        Assert.Equal(2, (await iris.ReplicaProcessIdsAsync("predictor", 2, timeout.Token)).Count);
        Assert.NotEqual(StableVersion, iris.CandidateVersion);
    }

    [Fact]
    public async Task EveryPredictionThroughTheGatewayComesFromTheCandidate()
    {
        for (var i = 0; i < 30; i++)
        {
            var response = await iris.Gateway.PredictThroughGatewayAsync(Flowers.Versicolor);

            response.EnsureSuccessStatusCode();
            var prediction = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(iris.CandidateVersion, prediction.GetProperty("modelVersion").GetString());
        }
    }

    [Fact]
    public async Task V2InferenceThroughTheGatewayNamesTheCandidatesVersion()
    {
        var request = new
        {
            inputs = new[] { new { name = "input-0", shape = new[] { 1, 4 }, datatype = "FP32", data = new[] { 7.0, 3.2, 4.7, 1.4 } } },
        };

        var response = await iris.Gateway.PostAsJsonAsync("/v2/models/iris/infer", request);

        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(iris.CandidateVersion, answer.GetProperty("model_version").GetString());
    }
}
