using Iris.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Telemetry, health checks, service discovery and resilience shared by every Iris service.
/// Follows the Aspire service-defaults template, except that the health endpoints are mapped
/// in every environment: Kubernetes probes need them in Production.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>The standard gRPC health service (grpc.health.v1), where a service has a gRPC port.</summary>
    public const string GrpcHealthServicePath = "/grpc.health.v1.Health";

    /// <summary>The tag of the checks that liveness (<see cref="AlivenessEndpointPath"/>) runs.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Iris.*")
                    .AddPrometheusWhenConfigured(builder.Configuration);
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    .AddSource("Iris.*")
                    // Probes hit the health endpoints every few seconds, from Kubernetes and from the
                    // gateway's active health checks; their traces are noise, on either side.
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => !IsHealthRequest(context.Request.Path))
                    .AddHttpClientInstrumentation(options =>
                        options.FilterHttpRequestMessage = request => request.RequestUri is null || !IsHealthRequest(request.RequestUri.AbsolutePath));
            });
        builder.Services.ConfigureOpenTelemetryTracerProvider((services, tracing) =>
            tracing.UseIrisSampling(services.GetRequiredService<IHostEnvironment>(), services.GetRequiredService<IConfiguration>()));

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var useOtlpExporter = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        if (useOtlpExporter)
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            // The process answers: enough for liveness. Dependencies belong to readiness only,
            // so that a lost dependency never gets a healthy pod restarted.
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            // Not ready from the moment the service is told to stop.
            .AddCheck<GracefulShutdown>("stopping");

        builder.Services.AddOptions<GracefulShutdown.Settings>().BindConfiguration(GracefulShutdown.SectionName);
        builder.Services.AddSingleton<GracefulShutdown>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GracefulShutdown>());

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Readiness: every registered check must pass.
        app.MapHealthChecks(HealthEndpointPath);

        // Liveness: only the checks tagged "live".
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag)
        });

        return app;
    }

    /// <summary>HTTP probes, and the standard gRPC health service that Kubernetes' gRPC probes call.</summary>
    private static bool IsHealthRequest(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath)
        || path.StartsWithSegments(GrpcHealthServicePath);
}
