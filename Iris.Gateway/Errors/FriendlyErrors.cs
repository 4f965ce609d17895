using Iris.Gateway.Failover;
using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Iris.Gateway.Errors;

/// <summary>
/// What a client sees when a backend could not answer: for the API routes a problem-details body,
/// for pages a small self-contained page. A backend that is down or unreachable is 503 (it is the
/// service that is unavailable, not a bad gateway), a backend too slow for the route's timeout 504.
/// A gRPC client gets the same as a gRPC status (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED).
/// </summary>
public static class FriendlyErrors
{
    /// <summary>The cluster whose failures are shown as pages; every other cluster speaks problem details.</summary>
    public const string PagesCluster = "web";

    public static IReverseProxyApplicationBuilder UseFriendlyErrors(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();

            var error = context.Features.Get<IForwarderErrorFeature>();
            // The route's timeout cancels the request the way a client hanging up does; tell them apart.
            // A timed-out request may have no forwarding error: its late answer was dropped unwritten.
            var timedOut = error?.Error == ForwarderError.RequestTimedOut
                || context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
            if (context.Response.HasStarted || (error is null && !timedOut))
            {
                return;
            }
            if (!timedOut && context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var (status, title, detail) = timedOut ? Timeout : Describe(error!, context.Response.StatusCode);
            if (status is null)
            {
                return;
            }

            context.Response.Clear();
            var cluster = context.Features.Get<IReverseProxyFeature>()?.Cluster.Config.ClusterId;
            if (GrpcStatus.IsGrpc(context.Request))
            {
                await GrpcStatus.WriteAsync(context, status.Value, detail);
            }
            else if (cluster == PagesCluster)
            {
                await UnavailablePage.WriteAsync(context, status.Value, title);
            }
            else
            {
                await TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
            }
        });
        return proxy;
    }

    private static readonly (int? Status, string Title, string Detail) Timeout =
        (StatusCodes.Status504GatewayTimeout, "Gateway timeout", "The service behind this address did not answer in time.");

    private static (int? Status, string Title, string Detail) Describe(IForwarderErrorFeature error, int statusSoFar) => error.Error switch
    {
        _ when error.Error == ForwarderError.NoAvailableDestinations || RetryOnConnectionFailure.IsConnectionFailure(error) =>
            (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The service behind this address is not answering; try again shortly."),
        // The body was refused past the route's MaxRequestBodySize (by LingeringClose's stream, or Kestrel over HTTP/2); YARP has already chosen 413.
        ForwarderError.RequestBodyClient when statusSoFar == StatusCodes.Status413PayloadTooLarge =>
            (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than this route accepts."),
        _ => (null, "", ""),
    };
}
