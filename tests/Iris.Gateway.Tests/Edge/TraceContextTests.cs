using System.Diagnostics;
using System.Net.Http.Json;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>
/// A client on the internet cannot choose to be traced, nor its trace ids: the gateway starts every
/// trace itself and sends the services behind it its own context.
/// </summary>
[Collection(SoleTracer.Name)]
public sealed class TraceContextTests
{
    [Fact]
    public async Task AClientsSampledTraceparentIsNeitherFollowedNorPassedOn()
    {
        await using var backend = await TestBackend.StartAsync();
        var exported = new List<Activity>();
        // Parent-based and never sampling a trace of its own: only a followed parent would be traced.
        var settings = new Dictionary<string, string?> { ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio", ["OTEL_TRACES_SAMPLER_ARG"] = "0" };
        var clientTrace = ActivityTraceId.CreateRandom();
        Dictionary<string, string>? seen;
        using (var gateway = GatewayFactory.ExportingSpans(backend, settings, exported))
        {
            gateway.Started();
            // A client that sends the traceparent it is given, as any HTTP client on the internet can.
            using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(gateway.HttpAddress) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
            request.Headers.Add("traceparent", $"00-{clientTrace}-{ActivitySpanId.CreateRandom()}-01");
            request.Headers.Add("baggage", "tenant=chosen-by-client");
            using var response = await client.SendAsync(request);
            seen = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        }

        Assert.NotNull(seen);
        Assert.DoesNotContain(clientTrace.ToString(), seen.GetValueOrDefault("traceparent") ?? "");
        Assert.DoesNotContain("chosen-by-client", seen.GetValueOrDefault("baggage") ?? "");
        lock (exported)
        {
            Assert.DoesNotContain(exported, span => span.TraceId == clientTrace);
        }
    }

    [Fact]
    public async Task YarpsForwardingSpanJoinsTheRequestsTraceAndTheBackendContinuesIt()
    {
        await using var backend = await TestBackend.StartAsync();
        var exported = new List<Activity>();
        Dictionary<string, string>? seen;
        using (var gateway = GatewayFactory.ExportingSpans(backend, new Dictionary<string, string?> { ["OTEL_TRACES_SAMPLER"] = "always_on" }, exported))
        {
            using var client = gateway.CreateEdgeClient();
            using var response = await client.GetAsync("/headers");
            seen = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        } // Stopping the gateway ends and exports every span still open.

        List<Activity> spans;
        lock (exported)
        {
            spans = [.. exported];
        }
        // The gateway's own server span starts the trace (the test backend's, in this process, continues it).
        var request = spans.Single(span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") is "/headers" && span.ParentSpanId == default);
        var forwarder = spans.Single(span => span.Source.Name == "Yarp.ReverseProxy" && span.OperationName == "proxy.forwarder");
        Assert.Equal(request.TraceId, forwarder.TraceId);
        Assert.Equal(request.SpanId, forwarder.ParentSpanId);
        // The backend is handed the same trace, so its spans join it in the dashboard.
        Assert.Contains(request.TraceId.ToString(), seen!.GetValueOrDefault("traceparent") ?? "");
    }
}
