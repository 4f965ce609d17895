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
}
