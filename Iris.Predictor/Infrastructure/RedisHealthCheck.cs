using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Iris.Predictor.Infrastructure;

/// <summary>
/// Pings Redis. Registered with a Degraded failure status: without Redis the predictor still
/// predicts, so it must stay in rotation; only the shared history is lost.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer", ex);
        }
    }
}
