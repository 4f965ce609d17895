using Iris.Web.Flowers;
using Iris.Web.Infrastructure;
using Iris.Web.Prediction;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iris.Web;

public static class Extensions
{
    /// <summary>The predictor's address by service name, resolved by service discovery (Aspire or Kubernetes DNS).</summary>
    public const string PredictorAddress = "http://predictor";

    /// <summary>The Redis the predictor shares its history through (<c>ConnectionStrings:cache</c>).</summary>
    private const string CacheConnectionName = "cache";

    private const string KeyRingKey = "iris:web:data-protection-keys";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Static server rendering only: every page works without JavaScript.
        builder.Services.AddRazorComponents();

        builder.Services.AddHttpClient<PredictorClient>(client => client.BaseAddress = new Uri(PredictorAddress));

        // A person is waiting for the page: one quick retry, then say what is unavailable, instead of
        // the standard pipeline's three retries with backoff (about 15 s against a predictor that is down).
        // The service defaults add that pipeline to every client at once, so its options are named for
        // no client in particular ("-standard"); the predictor is the only service this app calls.
        builder.Services.Configure<HttpStandardResilienceOptions>("-standard", options =>
        {
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddSingleton<TrainingFlowers>();
        builder.AddSharedKeyRing();
    }

    /// <summary>
    /// Every replica signs and reads antiforgery tokens with the same keys, kept in Redis when it is
    /// configured (<see cref="SharedKeyRing"/>); without Redis, in this process, which one replica can live with.
    /// </summary>
    private static void AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("Iris.Web");
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(CacheConnectionName)))
        {
            return;
        }

        // The client's settings are in appsettings.json (Aspire:StackExchange:Redis).
        builder.AddRedisClient(CacheConnectionName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, ILogger<SharedKeyRing>>((options, redis, logger) =>
            options.XmlRepository = new SharedKeyRing(new RedisXmlRepository(() => redis.GetDatabase(), KeyRingKey), logger));
    }
}
