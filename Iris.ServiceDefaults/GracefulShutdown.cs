using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What a service does when it is told to stop (SIGTERM, as Kubernetes sends it when it deletes a pod):
/// from that moment its readiness (<c>/health</c>, and the gRPC health service where there is one)
/// says Unhealthy, so that whoever checks it stops sending new work; it keeps serving for
/// <c>Shutdown:Delay</c> while they notice; then the host stops the server, which refuses new
/// connections and finishes the requests in flight (within the host's ShutdownTimeout).
/// </summary>
public sealed class GracefulShutdown(IOptions<GracefulShutdown.Settings> settings, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService, IHealthCheck
{
    public const string SectionName = "Shutdown";

    private volatile bool _stopping;

    public sealed class Settings
    {
        /// <summary>How long the service keeps serving, not ready, after it is told to stop. None by default.</summary>
        public TimeSpan Delay { get; set; } = TimeSpan.Zero;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Unhealthy("Stopping: finishing the requests in flight.") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var delay = settings.Value.Delay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        logger.LogInformation("Stopping: not ready, still serving for {Delay} s", delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's ShutdownTimeout ran out: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
