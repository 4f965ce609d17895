using Iris.Gateway.Canary;
using Iris.Gateway.Failover;
using Iris.Gateway.Headers;
using Iris.Gateway.RateLimiting;
using Iris.Gateway.Telemetry;
using Iris.Gateway.Timeouts;
using Microsoft.Extensions.FileProviders;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Iris.Gateway;

public static class Extensions
{
    public static void AddGateway(this WebApplicationBuilder builder)
    {
        // Settings a deployment changes without restarting the gateway (a canary's destinations and share):
        // one file per key, as Kubernetes mounts a ConfigMap, read again when they change. They come last,
        // so they win over the environment. Polled: the kubelet updates a value by swapping the hidden
        // ..data link the key's file links through, which no file-system event on the key reports. A
        // directory that does not exist stops the start (DirectoryNotFoundException, naming it).
        if (builder.Configuration["Gateway:SettingsDirectory"] is { Length: > 0 } settingsDirectory)
        {
            builder.Configuration.AddKeyPerFile(source =>
            {
                source.FileProvider = new PhysicalFileProvider(settingsDirectory) { UsePollingFileWatcher = true, UseActivePolling = true };
                source.ReloadOnChange = true;
            });
        }

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
            .AddCanarySplit()
            .ConfigureBackendConnections()
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
}
