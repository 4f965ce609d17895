using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;

namespace Iris.ServiceDefaults.Telemetry;

/// <summary>
/// A Prometheus scrape endpoint, <c>GET /metrics</c>, on a port of its own (<c>Metrics:Port</c>, bound
/// to <c>Metrics:Host</c>): never on a service's own ports, so the gateway cannot forward to it nor
/// answer it, and a Service or load balancer only exposes it when asked to. Off unless configured:
/// locally the dashboard receives every metric over OTLP.
/// </summary>
public static class PrometheusMetrics
{
    public const string SectionName = "Metrics";

    public const string ScrapePath = "/metrics";

    public static MeterProviderBuilder AddPrometheusWhenConfigured(this MeterProviderBuilder metrics, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (section.GetValue<int?>("Port") is not { } port)
        {
            return metrics;
        }
        var host = section["Host"] ?? "localhost";
        if (host is "*" or "+" or "0.0.0.0")
        {
            // The exporter's HttpListener answers only requests whose Host header names this host.
            throw new InvalidOperationException(
                $"{SectionName}:Host={host}: give the address the scraper connects to (in Kubernetes the pod's IP, from status.podIP), not a wildcard.");
        }
        return metrics.AddPrometheusHttpListener(options =>
        {
            options.Host = host;
            options.Port = port;
            options.ScrapeEndpointPath = ScrapePath;
        });
    }
}
