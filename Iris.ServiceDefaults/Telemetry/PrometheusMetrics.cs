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
        return metrics.AddPrometheusHttpListener(options =>
        {
            options.Host = section["Host"] ?? "localhost";
            options.Port = port;
            options.ScrapeEndpointPath = ScrapePath;
        });
    }
}
