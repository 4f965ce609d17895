using System.Diagnostics;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Failover;

/// <summary>
/// The gateway's active health checks run every few seconds per destination; none of them may
/// reach the traces, while the requests it forwards do.
/// </summary>
[Collection(SoleTracer.Name)]
public sealed class HealthCheckTracingTests
{
    [Fact]
    public async Task ActiveHealthChecksAreNeverTracedButForwardedRequestsAre()
    {
        await using var backend = await TestBackend.StartAsync();
        var exported = new List<Activity>();
        var settings = new Dictionary<string, string?>
        {
            // Every span sampled, so that only the filters can keep the probes out.
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["ReverseProxy:Clusters:predictor:HealthCheck:Active:Interval"] = "00:00:01",
        };
        using (var gateway = GatewayFactory.ExportingSpans(backend, settings, exported))
        {
            using var client = gateway.CreateEdgeClient();
            using var forwarded = await client.GetAsync("/headers");
            var probed = backend.HealthProbes;
            // A few rounds of active checks, however long the machine takes for them.
            await Until(() => backend.HealthProbes >= probed + 3);
        } // Stopping the gateway ends and exports every span still open.

        List<Activity> spans;
        lock (exported)
        {
            spans = [.. exported];
        }
        Assert.Contains(spans, s => s.Source.Name == "Yarp.ReverseProxy" && s.OperationName == "proxy.forwarder");
        Assert.DoesNotContain(spans, s => s.OperationName.Contains("health_check", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is string url && url.EndsWith("/health", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") is "/health");
    }

    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
