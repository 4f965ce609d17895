using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Iris.ServiceDefaults.Telemetry;

/// <summary>
/// Which requests are traced. Locally every one, so the dashboard shows each request; elsewhere a
/// share of them, decided once where a trace starts (the gateway) and followed downstream
/// (parent-based), so a trace is whole or absent. The OpenTelemetry SDK's own settings,
/// <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c>, choose otherwise.
/// </summary>
public static class TraceSampling
{
    public const string SamplerSetting = "OTEL_TRACES_SAMPLER";

    /// <summary>The share of traces kept outside Development when the SDK's settings say nothing.</summary>
    public const double ProductionRatio = 0.1;

    /// <summary>The samplers the SDK knows by name; it would silently trace everything for any other.</summary>
    private static readonly string[] SdkSamplers =
        ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"];

    public static void UseIrisSampling(this TracerProviderBuilder tracing, IHostEnvironment environment, IConfiguration configuration)
    {
        if (configuration[SamplerSetting] is { Length: > 0 } configured)
        {
            if (!SdkSamplers.Contains(configured))
            {
                throw new InvalidOperationException(
                    $"{SamplerSetting}={configured} is not a sampler the OpenTelemetry SDK knows ({string.Join(", ", SdkSamplers)}).");
            }
            return; // The SDK reads OTEL_TRACES_SAMPLER itself; an explicit sampler here would override it.
        }
        tracing.SetSampler(environment.IsDevelopment()
            ? new AlwaysOnSampler()
            : new ParentBasedSampler(new TraceIdRatioBasedSampler(ProductionRatio)));
    }
}
