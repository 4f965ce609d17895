using Iris.Predictor.Caching;
using Iris.Predictor.Documentation;
using Iris.Predictor.History;
using Iris.Predictor.Inference.Grpc;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;
using Iris.Predictor.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Iris.Predictor;

public static class Extensions
{
    private const string CacheConnectionName = "cache";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStrictJsonApi();
        builder.Services.AddApiDocumentation();
        builder.Services.AddGrpcInference();

        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddHostedService<ModelReloader>();

        var redis = builder.AddOptionalRedis();
        builder.AddPredictionCache(redis);

        builder.Services.AddSingleton(TimeProvider.System);
        // Without Redis the history gets no connection (an optional constructor parameter) and stands aside.
        builder.Services.AddSingleton<PredictionHistory>();
        builder.Services.AddSingleton<PredictionRecorder>();
        builder.Services.AddHostedService<HistoryWriter>();

        builder.Services.AddSingleton<PredictorMetrics>();
        builder.Services.AddSingleton<PredictionService>();

        builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
    }

    private static void AddStrictJsonApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // In every environment, so that a body that cannot be bound reaches the handler above and the
        // client learns which field broke which rule (otherwise Production answers a bare 400).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, PredictionJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, HistoryJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(2, ModelFileJsonContext.Default);
            // Numbers are numbers ("5.1" is a client error), and a field given twice is ambiguous.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            options.SerializerOptions.AllowDuplicateProperties = false;
            // The largest body in one read, so a batch is parsed in one pass, not rescanned as more arrives.
            options.SerializerOptions.DefaultBufferSize = RequestBody.MaxBytes;
            // Responses are JSON for machines, never embedded in HTML: keep quotes readable in messages.
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = RequestBody.MaxBytes);
    }

    /// <summary>Redis is optional: with no connection string the predictor serves without the shared cache or history. True when it is configured.</summary>
    private static bool AddOptionalRedis(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CacheConnectionName)))
        {
            return false;
        }

        // The rest of the client's settings are in appsettings.json (Aspire:StackExchange:Redis).
        builder.AddRedisClient(CacheConnectionName, configureOptions: options =>
            // Back within seconds of Redis's return: the default backoff grows to 10 s between attempts.
            options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 2_000));
        // Degraded, not Unhealthy: without Redis the predictor still predicts and must stay in rotation.
        builder.Services.AddHealthChecks().AddRedis(
            services => services.GetRequiredService<IConnectionMultiplexer>(), CacheConnectionName, HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(2));
        return true;
    }
}
