using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Iris.Gateway.Failover;

/// <summary>
/// Sends a request again, to another destination when there is one, when the backend failed before
/// anything of the response reached the client: a replica that died or was stopped mid-request.
/// YARP has no retry of its own. Only routes whose metadata says <c>RetryOnConnectionFailure: true</c>
/// are retried (predictions are safe to repeat; a page's form post is not assumed to be).
/// Where the replicas share one address (Aspire's proxy, a ClusterIP Service) the retry goes through
/// that address again, and the proxy in front of the replicas picks a live one.
/// </summary>
public static class RetryOnConnectionFailure
{
    public const string MetadataKey = "RetryOnConnectionFailure";
    private const int MaxAttempts = 3;

    // The bodies retried here are small (the predictor takes at most 64 KiB): keep them in memory. Also
    // the threshold of the version a request names (Canary/RequestedVersion.cs), which may buffer first.
    internal const int BufferThreshold = 128 * 1024;
    private static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(50);

    public static IReverseProxyApplicationBuilder UseRetryOnConnectionFailure(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(RetryAsync);
        return proxy;
    }

    private static async Task RetryAsync(HttpContext context, Func<Task> next)
    {
        var proxyFeature = context.Features.GetRequiredFeature<IReverseProxyFeature>();
        if (proxyFeature.Route.Config.Metadata?.GetValueOrDefault(MetadataKey) != "true")
        {
            await next();
            return;
        }

        context.Request.EnableBuffering(BufferThreshold);
        // Load balancing narrows AvailableDestinations to its pick (a new list), so remember the choice it had.
        var candidates = proxyFeature.AvailableDestinations;
        for (var attempt = 1; ; attempt++)
        {
            await next();

            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || attempt == MaxAttempts || !IsConnectionFailure(error)
                || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var failed = proxyFeature.ProxiedDestination;
            // Resolved only here: creating a logger takes the factory's lock, too dear for every request.
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RetryOnConnectionFailure));
            logger.LogInformation("Retrying {Method} {Path} (attempt {Attempt}) after {Error} at {Destination}",
                context.Request.Method, context.Request.Path, attempt + 1, error.Error, failed?.DestinationId);

            // Forget the failed attempt: its error, its status and headers, the body read so far.
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Request.Body.Position = 0;
            if (failed is not null && candidates.Count > 1)
            {
                candidates = [.. candidates.Where(destination => destination != failed)];
            }
            proxyFeature.AvailableDestinations = candidates;
            if (candidates.Count == 1 && candidates[0] == failed)
            {
                // One shared address: give the proxy in front of the replicas a moment to notice the loss.
                await Task.Delay(BackOff * attempt, context.RequestAborted);
            }
        }
    }

    /// <summary>
    /// The backend could not be reached, or dropped the connection before answering. YARP reports a
    /// connect timeout (<see cref="BackendConnections.ConnectTimeout"/>) as a timeout, but nothing reached
    /// the backend: the address did not answer, like a refused connection.
    /// </summary>
    public static bool IsConnectionFailure(IForwarderErrorFeature error) =>
        error.Error is ForwarderError.Request or ForwarderError.RequestBodyDestination
        || error is { Error: ForwarderError.RequestTimedOut, Exception: OperationCanceledException { InnerException: TimeoutException } };
}
