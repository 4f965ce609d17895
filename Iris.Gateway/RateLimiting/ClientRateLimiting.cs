using System.Globalization;
using System.Threading.RateLimiting;
using Iris.Gateway.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Iris.Gateway.RateLimiting;

/// <summary>
/// A token bucket per client address over every request but the health probes; excess gets 429
/// with <c>Retry-After</c> and a problem-details body (gRPC clients: RESOURCE_EXHAUSTED).
/// </summary>
public static class ClientRateLimiting
{
    // Refill in small steps (every 50 ms at 100/s) rather than once a second, so the rate holds smoothly.
    private const int RefillsPerSecond = 20;

    public static void AddClientRateLimiting(this WebApplicationBuilder builder)
    {
        // A negative rate or burst stops the start with the setting's name, instead of a bucket that misbehaves.
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var options = configured.Value;
            if (options.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            }
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions options)
    {
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            // Probes come from the kubelet or the orchestrator, never from clients.
            return RateLimitPartition.GetNoLimiter("probes");
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => Bucket(options));
    }

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions options)
    {
        var tokensPerRefill = Math.Max(1, options.TokensPerSecond / RefillsPerSecond);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerRefill,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)tokensPerRefill / options.TokensPerSecond),
            AutoReplenishment = true,
            QueueLimit = 0,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"This client sent more requests than the gateway allows; try again in {seconds} s.";

        if (GrpcStatus.IsGrpc(context.Request))
        {
            await GrpcStatus.WriteAsync(context, StatusCodes.Status429TooManyRequests, detail);
            return;
        }
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail).ExecuteAsync(context);
    }
}
