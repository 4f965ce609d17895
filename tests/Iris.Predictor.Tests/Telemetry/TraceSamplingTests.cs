using System.Diagnostics;
using System.Net.Http.Json;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Iris.Predictor.Tests.Telemetry;

/// <summary>
/// Which requests the predictor traces: all of them in Development, a tenth elsewhere, and what the
/// OpenTelemetry SDK's standard settings say when they are given. Parent-based: a caller's decision wins.
/// </summary>
[Collection(SoleTracer.Name)]
public sealed class TraceSamplingTests
{
    private const int Requests = 200;

    [Fact]
    public async Task DevelopmentTracesEveryRequest()
    {
        Assert.Equal(Requests, await TracedPredictions("Development", new()));
    }

    [Fact]
    public async Task ProductionTracesAboutATenthByDefault()
    {
        var traced = await TracedPredictions("Production", new());

        // 200 draws at 10%: 20 expected, and fewer than 1 or more than 60 has odds below one in a billion.
        Assert.InRange(traced, 1, 60);
    }

    [Fact]
    public async Task TheSdksStandardSettingsChooseTheSampler()
    {
        Assert.Equal(Requests, await TracedPredictions("Production", new() { ["OTEL_TRACES_SAMPLER"] = "always_on" }));
        Assert.Equal(0, await TracedPredictions("Development", new() { ["OTEL_TRACES_SAMPLER"] = "always_off" }));
    }

    [Fact]
    public async Task ByDefaultACallersDecisionIsFollowed()
    {
        Assert.Equal(Requests, await TracedPredictions("Production", new(), sampledByCaller: true));
        Assert.Equal(0, await TracedPredictions("Production", new(), sampledByCaller: false));
    }

    [Fact]
    public async Task ASamplerNameTheSdkDoesNotKnowStopsTheStart()
    {
        // The real process, as a pod's log shows its refused start. In process, the test host can lose
        // the start's exception: the app disposes its host while the factory still waits on it.
        var (exitCode, output) = await ServiceProcess.RefusedStartAsync("Iris.Predictor", new Dictionary<string, string?> { ["OTEL_TRACES_SAMPLER"] = "parentbased_ratio" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("System.InvalidOperationException: OTEL_TRACES_SAMPLER=parentbased_ratio is not a sampler the OpenTelemetry SDK knows", output);
    }

    [Fact]
    public async Task ACallersSampledTraceIsFollowedAndItsUnsampledOneToo()
    {
        var settings = new Dictionary<string, string?> { ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio", ["OTEL_TRACES_SAMPLER_ARG"] = "0" };

        Assert.Equal(Requests, await TracedPredictions("Production", settings, sampledByCaller: true));
        Assert.Equal(0, await TracedPredictions("Production", settings, sampledByCaller: false));
    }

    /// <summary>How many of <see cref="Requests"/> predictions the predictor exported a server span for.</summary>
    private static async Task<int> TracedPredictions(string environment, Dictionary<string, string?> settings, bool? sampledByCaller = null)
    {
        var exported = new List<Activity>();
        int port;
        using (var predictor = new ExportingPredictor(environment, settings, exported))
        {
            port = new Uri(predictor.RestAddress).Port;
            predictor.StartServer();
            // A client that sends the traceparent it is given: an instrumented one would put its own there.
            using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(predictor.RestAddress) };
            for (var i = 0; i < Requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = JsonContent.Create(SampleFlowers.Setosa) };
                if (sampledByCaller is { } sampled)
                {
                    request.Headers.Add("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-{(sampled ? "01" : "00")}");
                }
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        } // Stopping the host ends and exports every span still open.
        // Listeners hear every server in the process: count this predictor's own requests only.
        lock (exported)
        {
            return exported.Count(a => a.Kind == ActivityKind.Server && a.DisplayName.StartsWith("POST /predict", StringComparison.Ordinal)
                && Equals(a.GetTagItem("server.port"), port));
        }
    }

    /// <summary>The predictor in the given environment, exporting its spans into a list.</summary>
    private sealed class ExportingPredictor(string environment, Dictionary<string, string?> settings, List<Activity> exported)
        : PredictorFactory(settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));
        }
    }
}
