using Iris.Gateway.Failover;
using Iris.Gateway.Headers;
using Iris.Gateway.RateLimiting;
using Iris.Gateway.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Iris.Gateway;

public static class Extensions
{
    public static void AddGateway(this WebApplicationBuilder builder)
    {
        // Limits on what a client may send live in "Kestrel:Limits" (appsettings). Kestrel reads only its
        // endpoints from the "Kestrel" section by itself, so the limits are bound here. No Server header.
        var limits = builder.Configuration.GetSection("Kestrel:Limits");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            limits.Bind(kestrel.Limits);
            kestrel.AddServerHeader = false;
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddRequestTimeouts();
        builder.AddTrustedProxies();
        builder.AddClientRateLimiting();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddEachAddressResolution()
            .AddTransforms(transforms =>
            {
                transforms.RemoveInternalClientHeaders();
                transforms.LiftTimeoutOnceAnswered();
            });

        // YARP's forwarding spans, so that a trace crosses gateway → backend in the dashboard.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Yarp.ReverseProxy").AddProcessor<UntracedHealthChecks>());
        builder.Services.IgnoreIncomingTraceContext();
        // The client metrics of the requests the gateway forwards would carry each predictor pod's address
        // (every pod is a destination): a new series for every pod ever seen, kept until the gateway restarts.
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddView("http.client.*", new MetricStreamConfiguration
        {
            TagKeys = ["http.request.method", "http.response.status_code", "error.type", "url.scheme", "network.protocol.version", "http.connection.state"],
        }));
    }

    /// <summary>
    /// Trusts X-Forwarded-For/Proto/Host only from the networks in <c>Gateway:TrustedProxies</c>
    /// (CIDR notation, e.g. a cloud load balancer's ranges); from anyone else they are ignored, so a
    /// client cannot pick its own address for the rate limiter.
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        // With no known proxy at all the middleware would believe every sender: leave it out.
        if (TrustedNetworks(app.Configuration).Length > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    private static string[] TrustedNetworks(IConfiguration configuration) =>
        configuration.GetSection("Gateway:TrustedProxies").Get<string[]>() ?? [];

    private static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var trusted = TrustedNetworks(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in trusted)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            options.ForwardLimit = 1;
        });
    }
}
