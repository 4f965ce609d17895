using System.Collections.Concurrent;
using System.Globalization;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// Fault 5: the predictor stops answering in time (a proxy holds its answers back) under a steady
/// load. The gateway answers 504 at the route's timeout, drops its connections to the backend as it
/// gives up instead of piling them up, and stays responsive.
/// </summary>
public sealed class SlowPredictorTests : IAsyncLifetime
{
    private static readonly TimeSpan RouteTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Slowness = TimeSpan.FromSeconds(8);

    private ServiceProcess _predictor = null!;
    private DelayingProxy _slowLink = null!;
    private ServiceProcess _gateway = null!;

    private sealed record Probe(TimeSpan At, TimeSpan Latency, int Status);

    public async Task InitializeAsync()
    {
        _predictor = await ServiceProcess.StartAsync("Iris.Predictor");
        _slowLink = new DelayingProxy(_predictor.Port);
        _gateway = await GatewayProcess.StartAsync([_slowLink.Address], LoopbackPort.Down(), new Dictionary<string, string?>
        {
            ["ReverseProxy__Routes__api__Timeout"] = RouteTimeout.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _slowLink.DisposeAsync();
        await _predictor.DisposeAsync();
    }

    [Fact]
    public async Task TheGatewayAnswers504AtItsTimeoutWithoutPilingUpConnectionsAndStaysResponsive()
    {
        await using var load = SteadyLoad.Start(_gateway.Address);
        using var stopProbing = new CancellationTokenSource();
        var probes = new ConcurrentQueue<Probe>();
        var probing = ProbeGatewayAsync(load, probes, stopProbing.Token);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var before = TcpConnections.EstablishedTo(_slowLink.Port);

        // Answers held far longer than the whole test: only the gateway's timeout ends those requests.
        _slowLink.Delay = TimeSpan.FromMinutes(5);
        var slowFrom = load.Elapsed;
        var peak = 0;
        while (load.Elapsed - slowFrom < Slowness)
        {
            peak = Math.Max(peak, TcpConnections.EstablishedTo(_slowLink.Port));
            await Task.Delay(100);
        }
        _slowLink.Delay = TimeSpan.Zero;
        var slowUntil = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(5));

        var result = await load.StopAsync();
        await stopProbing.CancelAsync();
        await probing;
        var after = TcpConnections.EstablishedTo(_slowLink.Port);
        // Giving up at the timeout, the gateway holds about a timeout's worth of requests open at once
        // (beyond the idle ones it already had); hanging on, it would add one for every request sent
        // while the backend was slow.
        var pileUp = before + (int)(SteadyLoad.RequestsPerSecond * Slowness.TotalSeconds);
        var bound = before + (int)(2 * SteadyLoad.RequestsPerSecond * RouteTimeout.TotalSeconds);
        var afterwards = result.Outcomes.Where(o => o.Started > slowUntil + RouteTimeout).ToList();

        ReliabilityReport.Write("fault-5-slow-predictor", [string.Create(CultureInfo.InvariantCulture,
            $"- **Predictor answering {Slowness.TotalSeconds:F0} s too slowly** (route timeout {RouteTimeout.TotalSeconds:F0} s): {result.Summary}. Open connections from the gateway to " +
            $"the predictor: {before:N0} before, at most {peak:N0} while it was slow (a pile-up would have reached {pileUp:N0}), {after:N0} after (idle, kept for reuse). " +
            $"The gateway's `/alive`, asked every 100 ms meanwhile: {probes.Count} answers, all 200, the slowest in {probes.Max(p => p.Latency).TotalMilliseconds:N0} ms.")]);

        Assert.NotEmpty(result.Failures);
        Assert.All(result.Failures, failure => Assert.Equal(504, failure.Status));
        Assert.All(result.Failures, failure => Assert.InRange(failure.Started, slowFrom - RouteTimeout, slowUntil));
        Assert.All(afterwards, outcome => Assert.Equal(200, outcome.Status));
        Assert.True(peak <= bound, $"{peak} connections to the slow predictor at once (at most {bound} expected; a pile-up reaches {pileUp})");
        Assert.NotEmpty(probes);
        Assert.All(probes, probe => Assert.Equal(200, probe.Status));
    }

    /// <summary>The gateway's own liveness, asked every 100 ms while the predictor is slow.</summary>
    private async Task ProbeGatewayAsync(SteadyLoad load, ConcurrentQueue<Probe> probes, CancellationToken stop)
    {
        using var prober = new HttpClient { BaseAddress = new Uri(_gateway.Address), Timeout = TimeSpan.FromSeconds(30) };
        await Repeatedly.EveryAsync(TimeSpan.FromMilliseconds(100), async () =>
        {
            var at = load.Elapsed;
            try
            {
                using var response = await prober.GetAsync("/alive", CancellationToken.None);
                probes.Enqueue(new Probe(at, load.Elapsed - at, (int)response.StatusCode));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                probes.Enqueue(new Probe(at, load.Elapsed - at, 0));
            }
        }, stop);
    }
}
