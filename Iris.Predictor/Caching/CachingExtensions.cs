using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iris.Predictor.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// <see cref="PredictionCache"/> on HybridCache: in process, bounded to
    /// <see cref="PredictionCacheOptions.MemoryEntries"/>, and in Redis through the predictor's own
    /// connection when <paramref name="redis"/> is true.
    /// </summary>
    public static void AddPredictionCache(this IHostApplicationBuilder builder, bool redis)
    {
        builder.Services.AddOptions<PredictionCacheOptions>()
            .BindConfiguration(PredictionCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHybridCache();
        // HybridCache's in-process tier is the predictor's only memory cache; each prediction counts one.
        builder.Services.AddOptions<MemoryCacheOptions>()
            .Configure<IOptions<PredictionCacheOptions>>((memory, cache) => memory.SizeLimit = cache.Value.MemoryEntries);
        if (redis)
        {
            builder.Services.AddStackExchangeRedisCache(options => options.InstanceName = "iris:cache:");
            // The history's connection, not a second one with its own reconnects and timeouts.
            builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, services) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));
        }
        builder.Services.AddSingleton<PredictionCache>();
    }
}
