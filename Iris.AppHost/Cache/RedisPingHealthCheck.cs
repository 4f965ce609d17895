using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iris.AppHost.Cache;

/// <summary>
/// Healthy when the Redis-protocol server at <paramref name="endpoint"/> answers PING with PONG, after
/// AUTH with <paramref name="password"/> when it has one.
/// </summary>
public sealed class RedisPingHealthCheck(EndpointReference endpoint, ParameterResource? password = null) : IHealthCheck
{
    private const string Pong = "+PONG";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The Redis endpoint is not allocated yet.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));

            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            var stream = client.GetStream();
            var passwordValue = password is null ? null : await password.GetValueAsync(timeout.Token);
            // As RESP arrays: Garnet does not take AUTH as an inline command.
            var commands = (passwordValue is null ? "" : Command("AUTH", passwordValue)) + Command("PING");
            await stream.WriteAsync(Encoding.UTF8.GetBytes(commands), timeout.Token);

            var reply = await ReadRepliesAsync(stream, passwordValue is null ? 1 : 2, timeout.Token);
            return reply.EndsWith(Pong, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Redis answered PING with '{reply.Trim()}'.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer PING.", ex);
        }
    }

    private static string Command(params string[] parts) =>
        $"*{parts.Length}\r\n" + string.Concat(parts.Select(part => $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n"));

    /// <summary>The last of <paramref name="count"/> one-line replies.</summary>
    private static async Task<string> ReadRepliesAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        while (text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length < count)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
    }
}
