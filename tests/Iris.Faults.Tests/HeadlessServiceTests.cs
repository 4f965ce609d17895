using System.Net;
using System.Net.Http.Json;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// The predictors behind one name with many addresses, as a Kubernetes headless Service gives them:
/// the real gateway resolves the name through its own <c>/etc/hosts</c> (a private mount namespace),
/// which the test edits as pods would come and go, with real predictors at 127.0.0.1, .2 and .3 on one port.
/// </summary>
public sealed class HeadlessServiceTests : IAsyncLifetime
{
    private const string Name = "predictors.iris.test";
    private const string Failed = "failed";

    private readonly string _hosts = Path.Combine(Path.GetTempPath(), $"iris-hosts-{Guid.NewGuid():N}");
    private readonly int _port = LoopbackPort.Free();
    private readonly List<ServiceProcess> _predictors = [];
    private ServiceProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _predictors.Add(await StartPredictorAsync("127.0.0.1"));
        _predictors.Add(await StartPredictorAsync("127.0.0.2"));
        WriteHosts("127.0.0.1", "127.0.0.2");
        var destination = "ReverseProxy__Clusters__predictor__Destinations__predictor__";
        _gateway = await GatewayProcess.StartAsync([$"http://{Name}:{_port}"], LoopbackPort.Down(), new Dictionary<string, string?>
        {
            [$"{destination}Metadata__ResolveEachAddress"] = "true",
            // Each forwarded request logs its destination: the test reads where requests went.
            ["Logging__LogLevel__Yarp.ReverseProxy.Forwarder"] = "Information",
        }, hostsFile: _hosts);
    }

    public async Task DisposeAsync()
    {
        await Disposables.DisposeAllAsync([_gateway, .. _predictors]);
        File.Delete(_hosts);
    }

    [Fact]
    public async Task TheGatewaySpreadsOverEveryAddressOfTheNameAndFollowsItAsAddressesComeAndGo()
    {
        using var gateway = new HttpClient { BaseAddress = new Uri(_gateway.Address) };

        // Both addresses of the name get requests: one destination each, balanced by YARP.
        var first = await SendAsync(gateway, 40);
        Assert.Equal(0, first[Failed]);
        Assert.True(first["127.0.0.1"] > 0 && first["127.0.0.2"] > 0, $"one name, two addresses, but the gateway sent {Describe(first)}");

        // A pod goes: its address leaves the name and its process ends.
        WriteHosts("127.0.0.1");
        _predictors[1].Kill();
        await Eventually.HoldsAsync(() => SendAsync(gateway, 20), sent => sent["127.0.0.1"] == 20 && sent[Failed] == 0,
            "a batch of 20 all answered by the address left in the name");

        // A new pod comes: the gateway finds its address on its next look at the name.
        _predictors.Add(await StartPredictorAsync("127.0.0.3"));
        WriteHosts("127.0.0.1", "127.0.0.3");
        var last = await Eventually.HoldsAsync(() => SendAsync(gateway, 20), sent => sent["127.0.0.3"] > 0 && sent[Failed] == 0,
            "answered requests reaching the address that joined the name");
        Assert.Equal(0, last["127.0.0.2"]);
    }

    private Task<ServiceProcess> StartPredictorAsync(string host) =>
        ServiceProcess.StartAsync("Iris.Predictor", port: _port, host: host);

    /// <summary>Rewrites the file in place: the bind mount the gateway sees follows the same inode.</summary>
    private void WriteHosts(params string[] addresses) =>
        File.WriteAllLines(_hosts, ["127.0.0.1 localhost", .. addresses.Select(address => $"{address} {Name}")]);

    /// <summary>
    /// Sends predictions through the gateway and counts those not answered (<see cref="Failed"/>) and,
    /// by address, where the gateway sent them, read from its log once a marker request shows the log
    /// has caught up. A resent request counts at each address it went to.
    /// </summary>
    private async Task<Dictionary<string, int>> SendAsync(HttpClient gateway, int count)
    {
        var before = ForwardedByAddress();
        var failed = 0;
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.PostAsJsonAsync("/api/predict", ExampleFlowers.Virginica);
            failed += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }
        var marker = $"/api/model?marker={Guid.NewGuid():N}";
        using var _ = await gateway.GetAsync(marker);
        Assert.True(await _gateway.WaitForOutputAsync(marker.Replace("/api", ""), TimeSpan.FromSeconds(30)), $"the gateway did not log the marker request; its last lines:\n{string.Join('\n', _gateway.Output.TakeLast(20))}");
        var after = ForwardedByAddress();
        var sent = after.ToDictionary(pair => pair.Key, pair => pair.Value - before[pair.Key]);
        sent[Failed] = failed;
        return sent;
    }

    private Dictionary<string, int> ForwardedByAddress() =>
        new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" }.ToDictionary(address => address, address =>
            _gateway.Output.Count(line => line.Contains($"Proxying to http://{address}:{_port}/predict", StringComparison.Ordinal)));

    private static string Describe(Dictionary<string, int> sent) => string.Join(", ", sent.Select(pair => $"{pair.Value} to {pair.Key}"));
}
