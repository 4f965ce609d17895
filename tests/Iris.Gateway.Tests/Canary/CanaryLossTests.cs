using System.Collections.Concurrent;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// The canary, or the stable predictor, killed while requests flow through the gateway: the requests it
/// held are sent again to the other side, and the other side carries everything after it, with no
/// failed request. Each test kills one of its own two real predictor processes, the canary serving the
/// collection's candidate model.
/// </summary>
[Collection(StableAndCandidateCollection.Name)]
public sealed class CanaryLossTests(StableAndCandidate models) : IAsyncLifetime
{
    private const int Requests = 1_000;
    private const int Clients = 4;

    private ServiceProcess _stable = null!;
    private ServiceProcess _canary = null!;
    private string _canaryVersion = null!;

    public async Task InitializeAsync()
    {
        _canaryVersion = models.CandidateVersion;
        _stable = await ServiceProcess.StartAsync("Iris.Predictor");
        _canary = await ServiceProcess.StartAsync("Iris.Predictor", new Dictionary<string, string?> { ["Model__Path"] = models.CandidateModelPath });
    }

    public async Task DisposeAsync()
    {
        await _canary.DisposeAsync();
        await _stable.DisposeAsync();
    }

    [Fact]
    public async Task KillingTheCanaryUnderLoadFailsNoRequest()
    {
        var answers = await SendWhileKillingAsync(_canary, percent: "50");

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Contains(answers, answer => answer.Version == _canaryVersion);
        Assert.DoesNotContain(answers.Skip(Requests / 2), answer => answer.Version == _canaryVersion);
    }

    [Fact]
    public async Task KillingTheStablePredictorUnderLoadLeavesEverythingToTheCanary()
    {
        var answers = await SendWhileKillingAsync(_stable, percent: "10");

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Contains(answers, answer => answer.Version != _canaryVersion);
        Assert.All(answers.Skip(Requests / 2), answer => Assert.Equal(_canaryVersion, answer.Version));
    }

    /// <summary>
    /// Sends <see cref="Requests"/> predictions from <see cref="Clients"/> clients through the gateway, and
    /// kills <paramref name="victim"/> a quarter of the way in; the answers in the order they were sent.
    /// </summary>
    private async Task<Answer[]> SendWhileKillingAsync(ServiceProcess victim, string percent)
    {
        await using var gateway = new GatewayFactory([_stable.Address], _stable.Address, GatewaySettings.Canary("predictor", [_canary.Address], percent));
        using var client = gateway.CreateEdgeClient();
        var answers = new Answer[Requests];
        var sent = -1;

        async Task ClientLoopAsync()
        {
            int request;
            while ((request = Interlocked.Increment(ref sent)) < Requests)
            {
                // Exactly one client draws this number: the kill happens once.
                if (request == Requests / 4)
                {
                    victim.Kill();
                }
                using var response = await client.PredictAsync();
                answers[request] = new Answer(
                    (int)response.StatusCode,
                    response.Headers.TryGetValues("Model-Version", out var version) ? version.Single() : null);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ClientLoopAsync()));
        Assert.True(victim.HasExited, "the predictor was killed");
        return answers;
    }

    private sealed record Answer(int Status, string? Version);
}
