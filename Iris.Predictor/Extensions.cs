using System.Text.Json.Serialization;
using Iris.Predictor.History;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Prediction;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Iris.Predictor;

public static class Extensions
{
    /// <summary>The Aspire connection name of the Redis cache (<c>ConnectionStrings:cache</c>).</summary>
    public const string CacheConnectionName = "cache";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, PredictorJsonContext.Default);
            // Numbers are numbers: "5.1" as a string is a client error, not a measurement.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        var modelPath = Path.Combine(AppContext.BaseDirectory, builder.Configuration["Model:Path"] ?? "Model/iris.zip");
        builder.Services.AddSingleton(_ => IrisModel.Load(modelPath));
        builder.Services.AddSingleton(TimeProvider.System);

        // Redis is optional: with no connection string the predictor serves without shared history.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CacheConnectionName)))
        {
            builder.AddRedisClient(
                CacheConnectionName,
                // Replaced by a check that reports Degraded rather than Unhealthy.
                settings => settings.DisableHealthChecks = true,
                options => options.AbortOnConnectFail = false);
            builder.Services.AddHealthChecks()
                .AddCheck<RedisHealthCheck>(CacheConnectionName, HealthStatus.Degraded);
        }

        builder.Services.AddSingleton(services => new PredictionHistory(
            services.GetService<IConnectionMultiplexer>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PredictionHistory>>()));
    }
}
