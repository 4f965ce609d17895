using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Iris.Gateway.Timeouts;

/// <summary>
/// A route's timeout bounds how long its backend may take to answer, not how long the answer takes
/// to reach the client. When the backend's answer arrives, before any of it is written, the timeout
/// is lifted; an answer that arrives after the timeout fired is dropped, so the client gets the 504
/// whole. Otherwise an answer arriving at the moment of the timeout is cut off midway and the client
/// gets a broken connection. A stream that stalls is still ended by the cluster's
/// <c>HttpRequest:ActivityTimeout</c>.
/// </summary>
public static class TimeoutUntilAnswered
{
    public static void LiftTimeoutOnceAnswered(this TransformBuilderContext transforms) =>
        transforms.AddResponseTransform(context =>
        {
            if (context.HttpContext.Features.Get<IHttpRequestTimeoutFeature>() is { } timeout)
            {
                timeout.DisableTimeout();
                // Too late: FriendlyErrors answers 504 in its place.
                context.SuppressResponseBody = timeout.RequestTimeoutToken.IsCancellationRequested;
            }
            return ValueTask.CompletedTask;
        });
}
