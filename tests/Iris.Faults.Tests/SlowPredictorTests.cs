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
    // Shorter than the route's default (10 s) to keep the test short, long enough that a loaded
    // machine's pauses do not time out a healthy request.
    private static readonly TimeSpan RouteTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Slowness = TimeSpan.FromSeconds(10);

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

    public Task DisposeAsync() => Disposables.DisposeAllAsync(_gateway, _slowLink, _predictor);

    [Fact]
    public async Task TheGatewayAnswers504AtItsTimeoutWithoutPilingUpConnectionsAndStaysResponsive()
    {
        await using var load = SteadyLoad.Start(_gateway.Address);
        var probes = new ConcurrentQueue<Probe>();
        using var prober = new HttpClient { BaseAddress = new Uri(_gateway.Address), Timeout = TimeSpan.FromSeconds(30) };
        await using var probing = Repeating.Every(TimeSpan.FromMilliseconds(100), () => ProbeGatewayAsync(prober, load, probes));
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
        await probing.StopAsync();
        var after = TcpConnections.EstablishedTo(_slowLink.Port);
        // Giving up at the timeout, the gateway holds about a timeout's worth of requests open at once
        // (beside the idle connections it already had); hanging on, it would add one for every
        // request sent while the backend was slow. The bound sits halfway.
        var pileUp = before + (int)(SteadyLoad.RequestsPerSecond * Slowness.TotalSeconds);
        var bound = before + (int)(SteadyLoad.RequestsPerSecond * Slowness.TotalSeconds / 2);
        var afterwards = result.Outcomes.Where(o => o.Started > slowUntil + RouteTimeout).ToList();

        Assert.NotEmpty(result.Failures);
        Assert.All(result.Failures, failure => Assert.Equal(504, failure.Status));
        // Only requests the slow answers held: none failed before the slowness began or once it was over.
        Assert.All(result.Failures, failure => Assert.True(failure.Completed >= slowFrom && failure.Started <= slowUntil,
            $"a 504 for a request from {failure.Started.TotalSeconds:F1} s to {failure.Completed.TotalSeconds:F1} s; slow from {slowFrom.TotalSeconds:F1} s to {slowUntil.TotalSeconds:F1} s"));
        Assert.All(afterwards, outcome => Assert.Equal(200, outcome.Status));
        Assert.True(peak <= bound, $"{peak} connections to the slow predictor at once (at most {bound} expected; a pile-up reaches {pileUp})");
        Assert.NotEmpty(probes);
        Assert.All(probes, probe => Assert.Equal(200, probe.Status));

        ReliabilityReport.Write("fault-5-slow-predictor", [string.Create(CultureInfo.InvariantCulture,
            $"- **Predictor's answers held back for {Slowness.TotalSeconds:F0} s** (route timeout {RouteTimeout.TotalSeconds:F0} s): {result.Summary}. Open connections from the gateway to " +
            $"the predictor: {before:N0} before, at most {peak:N0} while it was slow (a pile-up would have reached {pileUp:N0}), {after:N0} after (idle, kept for reuse). " +
            $"The gateway's `/alive`, asked every 100 ms meanwhile: {probes.Count} answers, all 200, the slowest in {probes.Max(p => p.Latency).TotalMilliseconds:N0} ms.")]);
    }

    /// <summary>The gateway's own liveness, asked while the predictor is slow.</summary>
    private static async Task ProbeGatewayAsync(HttpClient prober, SteadyLoad load, ConcurrentQueue<Probe> probes)
    {
        var at = load.Elapsed;
        try
        {
            using var response = await prober.GetAsync("/alive");
            probes.Enqueue(new Probe(at, load.Elapsed - at, (int)response.StatusCode));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            probes.Enqueue(new Probe(at, load.Elapsed - at, 0));
        }
    }
}
