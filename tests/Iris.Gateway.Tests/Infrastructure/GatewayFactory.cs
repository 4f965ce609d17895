using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway on Kestrel on two loopback ports (pages and REST; gRPC), in the Production
/// environment, its clusters pointed at the given backends (addresses of real processes or in-process hosts).
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        // Effectively off unless a test sets it: most tests send more than a client normally would.
        ["Gateway:RateLimit:TokensPerSecond"] = "100000",
        ["Gateway:RateLimit:Burst"] = "100000",
    };

    public GatewayFactory(string predictor, string web, IReadOnlyDictionary<string, string?>? settings = null, string? grpcPredictor = null)
        : this([predictor], web, settings, grpcPredictor is null ? null : [grpcPredictor])
    {
    }

    public GatewayFactory(IReadOnlyList<string> predictors, string web, IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<string>? grpcPredictors = null)
    {
        foreach (var (key, value) in GatewaySettings.Backends(predictors, web, grpcPredictors).Concat(settings ?? new Dictionary<string, string?>()))
        {
            _settings[key] = value;
        }
        _settings["Kestrel:Endpoints:http:Url"] = HttpAddress;
        _settings["Kestrel:Endpoints:grpc:Url"] = GrpcAddress;
        UseKestrel();
        ClientOptions.BaseAddress = new Uri(HttpAddress);
    }

    /// <summary>The gateway in its shipped configuration in front of the shared backends, gRPC included.</summary>
    public static GatewayFactory InFrontOf(Backends backends, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(backends.Predictor.Address, backends.Web.Address, settings, backends.Predictor.GrpcAddress);

    /// <summary>The gateway in front of one test backend (as predictor and web app), its spans collected into <paramref name="spans"/>.</summary>
    public static GatewayFactory ExportingSpans(TestBackend backend, IReadOnlyDictionary<string, string?> settings, ICollection<Activity> spans) =>
        new(backend.Address, backend.Address, settings)
        {
            TestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
        };

    public string HttpAddress { get; } = $"http://127.0.0.1:{LoopbackPort.FreeForRestarts()}";

    /// <summary>The gateway's gRPC (h2c) entry point.</summary>
    public string GrpcAddress { get; } = $"http://127.0.0.1:{LoopbackPort.FreeForRestarts()}";

    /// <summary>Leaves the rate limit as the gateway ships it, for a test of the shipped bucket.</summary>
    public GatewayFactory WithShippedRateLimit()
    {
        _settings.Remove("Gateway:RateLimit:TokensPerSecond");
        _settings.Remove("Gateway:RateLimit:Burst");
        return this;
    }

    /// <summary>Starts the gateway, for a test that talks to it without <see cref="CreateEdgeClient"/>.</summary>
    public GatewayFactory Started()
    {
        CreateClient().Dispose();
        return this;
    }

    /// <summary>A client that does not follow redirects or retry, so every answer is the gateway's own.</summary>
    public HttpClient CreateEdgeClient()
    {
        ClientOptions.AllowAutoRedirect = false;
        return CreateClient();
    }

    /// <summary>Services a test adds to the gateway's own (an exporter that collects its spans, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (TestServices is { } services)
        {
            builder.ConfigureServices(services);
        }
    }
}
