using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// Fault 3: the web app killed under a steady load of predictions, then started again. Visitors get
/// the gateway's own 503 page meanwhile; the prediction API does not notice.
/// </summary>
public sealed class WebDownTests : IAsyncLifetime
{
    private const string UnavailablePageText = "The Iris site is not available right now.";

    private ServiceProcess _predictor = null!;
    private ServiceProcess _web = null!;
    private ServiceProcess _gateway = null!;

    private sealed record PageVisit(TimeSpan At, TimeSpan Done, int Status, string? ContentType, bool IsUnavailablePage);

    public async Task InitializeAsync()
    {
        _predictor = await ServiceProcess.StartAsync("Iris.Predictor");
        // Outside the ephemeral range, so the port is still free when the web app starts again on it.
        _web = await StartWebAsync(LoopbackPort.FreeForRestarts());
        _gateway = await GatewayProcess.StartAsync([_predictor.Address], _web.Address);
    }

    public Task DisposeAsync() => Disposables.DisposeAllAsync(_gateway, _web, _predictor);

    [Fact]
    public async Task VisitorsGetTheUnavailablePageAndPredictionsAreUnaffected()
    {
        await using var load = SteadyLoad.Start(_gateway.Address);
        var visits = new ConcurrentQueue<PageVisit>();
        using var visitor = new HttpClient { BaseAddress = new Uri(_gateway.Address), Timeout = TimeSpan.FromSeconds(30) };
        await using var visiting = Repeating.Every(TimeSpan.FromMilliseconds(200), () => VisitHomePageAsync(visitor, load, visits));
        await Task.Delay(TimeSpan.FromSeconds(5));

        _web.Kill();
        var killed = load.Elapsed;
        await Eventually.HoldsAsync(() => Task.FromResult(visits.LastOrDefault()), v => v is { IsUnavailablePage: true }, "the 503 page at /");
        var pageShown = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(5));

        await _web.DisposeAsync();
        var restarting = load.Elapsed;
        _web = await StartWebAsync(_web.Port);
        var restarted = load.Elapsed;
        await Eventually.HoldsAsync(() => Task.FromResult(visits.LastOrDefault()), v => v is { Status: 200 }, "the home page back at /");
        var back = load.Elapsed - restarted;
        await Task.Delay(TimeSpan.FromSeconds(5));

        var result = await load.StopAsync();
        await visiting.StopAsync();

        // Visits made entirely between the first 503 page and the web app's restart.
        var whileDown = visits.Where(v => v.At > pageShown && v.Done < restarting).ToList();
        Assert.True(result.Failures.Count == 0, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.NotEmpty(whileDown);
        Assert.All(whileDown, v => Assert.True(v.IsUnavailablePage, $"{v.Status} {v.ContentType} at {v.At.TotalSeconds:F1} s while the web app was down"));
        // Before the gateway noticed, or after the return: the real page or the 503 page, never a raw
        // error. A visit the kill cut short is the one a crash cannot spare.
        var cutShort = visits.Where(v => v.At < killed && v.Done > killed).ToList();
        Assert.All(visits.Except(cutShort), v => Assert.True(v.Status == 200 || v.IsUnavailablePage, $"{v.Status} {v.ContentType} at {v.At.TotalSeconds:F1} s"));

        ReliabilityReport.Write("fault-3-web-down", [string.Create(CultureInfo.InvariantCulture,
            $"- **Web app killed, then started again**: predictions through the gateway: {result.Summary}. Visits to `/`: " +
            $"{string.Join(", ", visits.GroupBy(v => v.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"))}; the 503 page was served " +
            $"{(pageShown - killed).TotalSeconds:F1} s after the kill, and the home page again {back.TotalSeconds:F1} s after the web app was back.")]);
    }

    private async Task<ServiceProcess> StartWebAsync(int port) =>
        await ServiceProcess.StartAsync("Iris.Web", new Dictionary<string, string?>
        {
            ["services__predictor__http__0"] = _predictor.Address,
        }, port);

    /// <summary>A visitor opening the home page through the gateway.</summary>
    private static async Task VisitHomePageAsync(HttpClient visitor, SteadyLoad load, ConcurrentQueue<PageVisit> visits)
    {
        var at = load.Elapsed;
        try
        {
            using var response = await visitor.GetAsync("/");
            var page = await response.Content.ReadAsStringAsync();
            var isUnavailablePage = response.StatusCode == HttpStatusCode.ServiceUnavailable
                && response.Content.Headers.ContentType?.MediaType == "text/html"
                && page.Contains(UnavailablePageText, StringComparison.Ordinal);
            visits.Enqueue(new PageVisit(at, load.Elapsed, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, isUnavailablePage));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            visits.Enqueue(new PageVisit(at, load.Elapsed, 0, null, false));
        }
    }
}
