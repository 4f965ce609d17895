using System.Globalization;
using System.Net;
using System.Text.Json;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// Fault 1: the cache (redis-server, or Garnet as the AppHost embeds it) killed under a steady load and
/// started again. Predictions never depend on it; the shared history is unavailable while it is away
/// and back, with what was predicted meanwhile, once it returns, without restarting anything.
/// </summary>
public abstract class CacheKilledTests(ICacheServer cache, string reportName) : IAsyncLifetime
{
    private readonly ICacheServer _cache = cache;
    private ServiceProcess _predictor = null!;
    private ServiceProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        await _cache.InitializeAsync();
        _predictor = await ServiceProcess.StartAsync("Iris.Predictor", new Dictionary<string, string?>
        {
            ["ConnectionStrings__cache"] = _cache.ConnectionString,
        });
        _gateway = await GatewayProcess.StartAsync([_predictor.Address], LoopbackPort.Down());
    }

    public Task DisposeAsync() => Disposables.DisposeAllAsync(_gateway, _predictor, _cache);

    [Fact]
    public async Task PredictionsNeverFailAndTheHistoryReturnsWithWhatWasPredictedMeanwhile()
    {
        using var predictor = new HttpClient { BaseAddress = new Uri(_predictor.Address) };
        using var gateway = new HttpClient { BaseAddress = new Uri(_gateway.Address) };
        await Eventually.HoldsAsync(() => predictor.GetStringAsync("/health"), h => h == "Healthy", "the predictor Healthy with Redis");

        await using var load = SteadyLoad.Start(_gateway.Address);
        await Task.Delay(TimeSpan.FromSeconds(5));

        _cache.Stop();
        var killed = load.Elapsed;
        await Eventually.HoldsAsync(() => predictor.GetStringAsync("/health"), h => h == "Degraded", "the predictor's /health Degraded");
        var degraded = load.Elapsed;
        using var historyWhileAway = await gateway.GetAsync("/api/predictions/stats");
        await Task.Delay(TimeSpan.FromSeconds(5));

        await _cache.StartAsync();
        var restarted = load.Elapsed;
        await Eventually.HoldsAsync(async () => (await StatusAsync(gateway, "/api/predictions/recent"), await StatusAsync(gateway, "/api/predictions/stats")),
            statuses => statuses == (HttpStatusCode.OK, HttpStatusCode.OK), "recent predictions and counts through the gateway");
        var recovered = load.Elapsed - restarted;
        await Task.Delay(TimeSpan.FromSeconds(5));

        var result = await load.StopAsync();
        // The restarted server is empty, and nothing could reach the old one after the kill: every
        // prediction since then, held while Redis was away or written after its return, must be counted.
        var predictedSinceKill = result.Outcomes.Count(o => o.Status == 200 && o.Started >= killed);
        var predictedWhileAway = result.Outcomes.Count(o => o.Status == 200 && o.Started >= killed && o.Completed <= restarted);
        var recorded = await Eventually.HoldsAsync(() => TotalAsync(gateway), total => total >= predictedSinceKill,
            $"the {predictedSinceKill} predictions made since the kill in the counts");
        var health = await Eventually.HoldsAsync(() => predictor.GetStringAsync("/health"), h => h == "Healthy", "the predictor Healthy again");

        Assert.True(result.Failures.Count == 0, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, historyWhileAway.StatusCode);
        Assert.Equal("application/problem+json", historyWhileAway.Content.Headers.ContentType?.MediaType);
        Assert.True(predictedWhileAway > 0, "no prediction was made while Redis was away");
        Assert.Equal("Healthy", health);

        var name = _cache.Name;
        ReliabilityReport.Write(reportName, [string.Create(CultureInfo.InvariantCulture,
            $"- **{name} killed, then restarted**: {result.Summary}. `/health` said Degraded {(degraded - killed).TotalSeconds:F1} s after the kill; " +
            $"{name} was away {(restarted - killed).TotalSeconds:F1} s; recent predictions and counts answered again {recovered.TotalSeconds:F1} s after its return " +
            $"(goal ≤ 10 s; reported, not asserted); the restarted, empty {name} counted {recorded:N0} predictions for the {predictedSinceKill:N0} made since the kill " +
            $"({predictedWhileAway:N0} of them while it was away, held by the predictor until it returned).")]);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<long> TotalAsync(HttpClient gateway)
    {
        using var response = await gateway.GetAsync("/api/predictions/stats");
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64()
            : -1;
    }
}
