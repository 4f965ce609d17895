using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>
/// Metrics are for the cluster's scraper, on a port of their own: the gateway's public port never
/// answers them, while its metrics port does.
/// </summary>
[Collection(BackendsCollection.Name)]
public sealed class MetricsExposureTests(Backends backends)
{
    // The services' API ports never answer /metrics either (the predictor's tests), whatever the gateway forwards.
    [Fact]
    public async Task NoMetricsThroughThePublicPort()
    {
        var metricsPort = LoopbackPort.FreeForRestarts();
        await using var gateway = GatewayFactory.InFrontOf(backends, new Dictionary<string, string?>
        {
            ["Metrics:Host"] = "127.0.0.1",
            ["Metrics:Port"] = metricsPort.ToString(),
        });
        using var client = gateway.CreateEdgeClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
        // The gateway's own metrics are there, on their port.
        using var scraper = new HttpClient();
        var scrape = await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", scrape);
        // The request it forwarded is counted without the destination's address, one series per pod otherwise.
        var forwarded = scrape.Split('\n').Where(line => line.StartsWith("http_client_request_duration_seconds_count{", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(forwarded);
        Assert.All(forwarded, line => Assert.DoesNotContain("server_address=", line));
    }
}
