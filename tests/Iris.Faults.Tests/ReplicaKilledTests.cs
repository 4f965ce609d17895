using System.Globalization;
using System.Net.Http.Json;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// Fault 2: one of two predictor replicas killed under a steady load. The gateway resends what the
/// dead replica could not answer to the live one, and its health checks take the dead one out.
/// </summary>
public sealed class ReplicaKilledTests : IAsyncLifetime
{
    private ServiceProcess _doomed = null!;
    private ServiceProcess _survivor = null!;
    private ServiceProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _doomed = await ServiceProcess.StartAsync("Iris.Predictor");
        _survivor = await ServiceProcess.StartAsync("Iris.Predictor");
        _gateway = await GatewayProcess.StartAsync([_doomed.Address, _survivor.Address], LoopbackPort.Down(), new Dictionary<string, string?>
        {
            // Each forwarded request logs its destination: the test reads where requests went.
            ["Logging__LogLevel__Yarp.ReverseProxy.Forwarder"] = "Information",
        });
    }

    public Task DisposeAsync() => Disposables.DisposeAllAsync(_gateway, _survivor, _doomed);

    [Fact]
    public async Task AtMostOneRequestInAThousandFailsAndTheGatewayStopsSendingToTheDeadReplica()
    {
        using var gateway = new HttpClient { BaseAddress = new Uri(_gateway.Address) };

        await using var load = SteadyLoad.Start(_gateway.Address);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var toDoomedBeforeKill = await ForwardedToDoomedAsync(gateway);
        _doomed.Kill();
        await Task.Delay(TimeSpan.FromSeconds(13));
        var result = await load.StopAsync();

        var toDeadDuringLoad = await ForwardedToDoomedAsync(gateway) - toDoomedBeforeKill;
        var retries = _gateway.Output.Count(line => line.Contains("Retrying POST /api/predict", StringComparison.Ordinal));
        // The health checks take the dead replica out on their own clock (active every 5 s, passive
        // as failures come); once a batch of requests avoids it, it must stay out.
        await Eventually.HoldsAsync(async () =>
        {
            var before = await ForwardedToDoomedAsync(gateway);
            await SendPredictionsAsync(gateway, 20);
            return await ForwardedToDoomedAsync(gateway) - before;
        }, toDead => toDead == 0, "a batch of requests that the gateway sends to the live replica only");
        // The passive check lets a destination back after its reactivation period (10 s); past it,
        // only the active check keeps the dead replica out.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var beforeLast = await ForwardedToDoomedAsync(gateway);
        await SendPredictionsAsync(gateway, 200);
        var toDeadAtTheEnd = await ForwardedToDoomedAsync(gateway) - beforeLast;

        Assert.True(result.Failures.Count <= result.Sent / 1_000, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.True(toDoomedBeforeKill > 0, "the gateway never sent to the replica that was killed, so killing it tested nothing");
        Assert.Equal(0, toDeadAtTheEnd);

        ReliabilityReport.Write("fault-2-replica-killed", [string.Create(CultureInfo.InvariantCulture,
            $"- **One of two predictor replicas killed** (SIGKILL, 5 s in): {result.Summary}. From just before the kill to the end of the load, the gateway sent " +
            $"{toDeadDuringLoad:N0} requests to that replica, resending each that found it dead ({retries:N0} retries) to the live one, until its health checks " +
            $"took it out; of 200 requests afterwards, {toDeadAtTheEnd} went to it.")]);
    }

    private static async Task SendPredictionsAsync(HttpClient gateway, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var _ = await gateway.PostAsJsonAsync("/api/predict", ExampleFlowers.Virginica);
        }
    }

    /// <summary>
    /// How many requests the gateway has forwarded to the doomed replica, read from its log once a
    /// marker request shows that the log has caught up.
    /// </summary>
    private async Task<int> ForwardedToDoomedAsync(HttpClient gateway)
    {
        var marker = $"/api/model?marker={Guid.NewGuid():N}";
        using var _ = await gateway.GetAsync(marker);
        Assert.True(await _gateway.WaitForOutputAsync(marker.Replace("/api", ""), TimeSpan.FromSeconds(30)), "the gateway did not log the marker request");
        return _gateway.Output.Count(line => line.Contains($"Proxying to {_doomed.Address}/", StringComparison.Ordinal));
    }
}
