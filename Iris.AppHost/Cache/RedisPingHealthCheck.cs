using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iris.AppHost.Cache;

/// <summary>Healthy when the Redis server at the resource's endpoint answers PING with PONG.</summary>
public sealed class RedisPingHealthCheck(RedisServerResource redis) : IHealthCheck
{
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();
    private const string Pong = "+PONG";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.PrimaryEndpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The Redis endpoint is not allocated yet.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));

            using var client = new TcpClient();
            await client.ConnectAsync(redis.PrimaryEndpoint.Host, redis.PrimaryEndpoint.Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Ping, timeout.Token);

            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            return reply.StartsWith(Pong, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Redis answered PING with '{reply.Trim()}'.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer PING.", ex);
        }
    }
}
