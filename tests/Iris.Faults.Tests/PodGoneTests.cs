using System.Globalization;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// Faults 6 and 7: a predictor pod that goes away under a steady load through the real gateway, as on
/// Kubernetes. Two predictors behind one name with two addresses (a headless Service), the gateway and
/// the predictors in a network of their own where the test can make an address stop answering: its
/// packets dropped, so that nobody answers or refuses, as when a pod's network is gone or its node has
/// died. The name keeps both addresses throughout, as a DNS cache may for up to 30 s.
/// </summary>
public sealed class PodGoneTests : IAsyncLifetime
{
    private const string Name = "predictors.iris.test";
    private const string Staying = "127.0.0.2";
    private const string Going = "127.0.0.3";
    private const int HttpPort = 8080;

    /// <summary>The predictor's Shutdown:Delay in the GKE overlay (deploy/gke/overlay/kustomization.yaml).</summary>
    private const string ShutdownDelayAsDeployed = "00:00:15";

    private readonly string _work = Directory.CreateTempSubdirectory("iris-pods-").FullName;
    private NetworkNamespace _network = null!;
    private ServiceProcess? _staying;
    private ServiceProcess? _going;
    private ServiceProcess? _gateway;

    private string Socket => Path.Combine(_work, "gateway.sock");

    public async Task InitializeAsync()
    {
        _network = await NetworkNamespace.CreateAsync();
        _staying = await StartPredictorAsync(Staying);
        _going = await StartPredictorAsync(Going);
        var hosts = Path.Combine(_work, "hosts");
        File.WriteAllLines(hosts, ["127.0.0.1 localhost", $"{Staying} {Name}", $"{Going} {Name}"]);
        var destination = "ReverseProxy__Clusters__predictor__Destinations__predictor__";
        _gateway = await GatewayProcess.StartAsync([$"http://{Name}:{HttpPort}"], LoopbackPort.Down(), new Dictionary<string, string?>
        {
            [$"{destination}Metadata__ResolveEachAddress"] = "true",
            // The load reaches the gateway from outside its network through a Unix socket.
            ["Kestrel__Endpoints__http__Url"] = $"http://unix:{Socket}",
            // Each forwarded request logs its destination: the test reads where requests went.
            ["Logging__LogLevel__Yarp.ReverseProxy.Forwarder"] = "Information",
        }, hostsFile: hosts, network: _network);
    }

    public async Task DisposeAsync()
    {
        await Disposables.DisposeAllAsync(_gateway, _going, _staying, _network);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task APredictorWhoseAddressStopsAnsweringCostsNoRequest()
    {
        await using var load = SteadyLoad.StartThroughUnixSocket(Socket);
        await Eventually.HoldsAsync(() => Task.FromResult(ForwardedTo(Going)), sent => sent > 100, "requests reaching the predictor that will stop answering");
        await Task.Delay(TimeSpan.FromSeconds(2));

        await _network.DropAsync(Going);
        var dropped = load.Elapsed;
        // Past two of the gateway's health checks (5 s apart, 2 s each to time out): out of rotation by then.
        await Task.Delay(TimeSpan.FromSeconds(13));
        var sentToItByThen = await ForwardedToOnceLoggedAsync(Going);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var result = await load.StopAsync();
        var sentToItAfter = await ForwardedToOnceLoggedAsync(Going) - sentToItByThen;

        var retries = Retries();
        Assert.True(result.Failures.Count == 0, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.Equal(0, sentToItAfter);
        var slowest = result.Outcomes.Where(o => o.Started >= dropped).Max(o => o.Latency);
        ReliabilityReport.Write("fault-6-address-stops-answering", [string.Create(CultureInfo.InvariantCulture,
            $"- **One of two predictor addresses stops answering** (every packet to and from it dropped, {dropped.TotalSeconds:F0} s in; the name keeps it): " +
            $"{result.Summary}. The gateway resent {retries:N0} requests that found it silent to the other predictor; the slowest request after the drop took " +
            $"{slowest.TotalMilliseconds:N0} ms; from 13 s after the drop the gateway sent it nothing ({sentToItAfter} requests in the last 4 s of the load).")]);
    }

    [Fact]
    public async Task APredictorToldToStopFinishesItsWorkAndCostsNoRequest()
    {
        await using var load = SteadyLoad.StartThroughUnixSocket(Socket);
        await Eventually.HoldsAsync(() => Task.FromResult(ForwardedTo(Going)), sent => sent > 100, "requests reaching the predictor that will be told to stop");
        await Task.Delay(TimeSpan.FromSeconds(2));

        // As the kubelet: SIGTERM; once the process has exited, the pod's address is gone with it.
        _going!.Terminate();
        var told = load.Elapsed;
        var exited = await _going.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var gone = load.Elapsed;
        await _network.DropAsync(Going);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var result = await load.StopAsync();

        Assert.True(exited, "the predictor was still running a minute after SIGTERM");
        Assert.Equal(0, _going.ExitCode);
        Assert.True(result.Failures.Count == 0, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.Contains(_going.Output, line => line.Contains("Stopping: not ready", StringComparison.Ordinal));
        ReliabilityReport.Write("fault-7-predictor-told-to-stop", [string.Create(CultureInfo.InvariantCulture,
            $"- **One of two predictors told to stop** (SIGTERM {told.TotalSeconds:F0} s in, Shutdown:Delay {TimeSpan.Parse(ShutdownDelayAsDeployed, CultureInfo.InvariantCulture).TotalSeconds:F0} s as deployed; " +
            $"its address dropped once it had exited, the name kept it): {result.Summary}. It exited with code {_going.ExitCode} " +
            $"{(gone - told).TotalSeconds:F1} s after SIGTERM; the gateway resent {Retries():N0} requests.")]);
    }

    private Task<ServiceProcess> StartPredictorAsync(string host) =>
        ServiceProcess.StartAsync("Iris.Predictor", new Dictionary<string, string?>
        {
            ["Shutdown__Delay"] = ShutdownDelayAsDeployed,
        }, port: HttpPort, grpcPort: HttpPort + 1, host: host, network: _network);

    private int ForwardedTo(string address) =>
        _gateway!.Output.Count(line => line.Contains($"Proxying to http://{address}:{HttpPort}/predict", StringComparison.Ordinal));

    /// <summary>
    /// How many requests the gateway has forwarded to <paramref name="address"/>, read once a marker
    /// request shows that its log has caught up.
    /// </summary>
    private async Task<int> ForwardedToOnceLoggedAsync(string address)
    {
        using var client = new HttpClient(SteadyLoad.ThroughUnixSocket(Socket)) { BaseAddress = new Uri("http://localhost") };
        var marker = $"/api/model?marker={Guid.NewGuid():N}";
        using var _ = await client.GetAsync(marker);
        Assert.True(await _gateway!.WaitForOutputAsync(marker.Replace("/api", ""), TimeSpan.FromSeconds(30)), "the gateway did not log the marker request");
        return ForwardedTo(address);
    }

    private int Retries() => _gateway!.Output.Count(line => line.Contains("Retrying POST /api/predict", StringComparison.Ordinal));
}
