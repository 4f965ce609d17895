using System.Globalization;
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

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _survivor.DisposeAsync();
        await _doomed.DisposeAsync();
    }

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

        var toDeadAfterKill = await ForwardedToDoomedAsync(gateway) - toDoomedBeforeKill;
        var retries = _gateway.Output.Count(line => line.Contains("Retrying POST /api/predict", StringComparison.Ordinal));
        // Once the load is over, more requests: none of them may be sent to the dead replica.
        for (var i = 0; i < 200; i++)
        {
            using var _ = await gateway.PostAsync("/api/predict", Requests.Virginica());
        }
        var toDeadAtTheEnd = await ForwardedToDoomedAsync(gateway) - toDoomedBeforeKill - toDeadAfterKill;

        ReliabilityReport.Write("fault-2-replica-killed", [string.Create(CultureInfo.InvariantCulture,
            $"- **One of two predictor replicas killed** (SIGKILL, 5 s in): {result.Summary}. The gateway sent {toDeadAfterKill:N0} requests to the dead " +
            $"replica before its health checks took it out, and resent each ({retries:N0} retries) to the live one; of 200 requests afterwards, {toDeadAtTheEnd} went to it.")]);

        Assert.True(result.Failures.Count <= result.Sent / 1_000, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.True(toDoomedBeforeKill > 0, "the gateway never sent to the replica that was killed, so killing it tested nothing");
        Assert.Equal(0, toDeadAtTheEnd);
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
