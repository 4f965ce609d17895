using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>
/// Metrics are for the cluster's scraper, on a port of their own: the public ports never answer
/// them, neither the gateway's own nor, through it, a service's.
/// </summary>
[Collection(BackendsCollection.Name)]
public sealed class MetricsExposureTests(Backends backends)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/api/metrics")]
    [InlineData("/v2/metrics")]
    public async Task NoMetricsThroughThePublicPort(string path)
    {
        var metricsPort = LoopbackPort.FreeForRestarts();
        await using var gateway = GatewayFactory.InFrontOf(backends, new Dictionary<string, string?>
        {
            ["Metrics:Host"] = "127.0.0.1",
            ["Metrics:Port"] = metricsPort.ToString(),
        });
        using var client = gateway.CreateEdgeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
        // The gateway's own metrics are there, on their port.
        using var scraper = new HttpClient();
        var scrape = await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", scrape);
    }
}
