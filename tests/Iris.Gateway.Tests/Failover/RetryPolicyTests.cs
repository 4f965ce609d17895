using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Failover;

/// <summary>
/// The retry promise of docs/gateway.md: the gateway retries only routes marked <c>RetryOnConnectionFailure</c>
/// (the predictor's /api, /v2 and gRPC routes), at most 3 attempts in all; the web route never. (A
/// request without a body is a different case: .NET's HTTP client itself sends it again, up to 3
/// times, when the connection closes before any answer; docs/gateway.md says so.)
/// </summary>
public sealed class RetryPolicyTests
{
    [Fact]
    public async Task APredictionToABackendThatDropsItIsTriedThreeTimesThenAnswered503()
    {
        await using var backend = new DroppingBackend();
        await using var gateway = new GatewayFactory(backend.Address, LoopbackPort.Down());
        var client = gateway.CreateEdgeClient();

        var response = await client.PredictAsync();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 3), (response.StatusCode, backend.Seen("POST", "/predict")));
    }

    [Fact]
    public async Task AFormPostToAWebAppThatDropsItIsTriedOnce()
    {
        await using var backend = new DroppingBackend();
        await using var gateway = new GatewayFactory(LoopbackPort.Down(), backend.Address);
        var client = gateway.CreateEdgeClient();

        var response = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string> { ["example"] = "setosa" }));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 1), (response.StatusCode, backend.Seen("POST", "/")));
    }
}
