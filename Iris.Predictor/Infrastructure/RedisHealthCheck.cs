using Iris.Predictor.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Iris.Predictor.Infrastructure;

/// <summary>
/// Pings Redis. Registered with a Degraded failure status: without Redis the predictor still
/// predicts, so it must stay in rotation; only the shared history is lost. Each ping also tells
/// the cache policy what a Redis round trip costs.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis, CachePolicy cachePolicy) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            cachePolicy.RedisRoundTrip.Add(latency);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:F2} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer; the shared history is unavailable", ex);
        }
    }
}
