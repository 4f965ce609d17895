using Microsoft.AspNetCore.Http.Timeouts;

namespace Iris.Gateway.Timeouts;

/// <summary>
/// A route's timeout bounds how long its backend may take to answer, not how long the answer takes
/// to reach the client: once the response has started, the timeout is lifted. Otherwise an answer
/// that arrives just before the timeout is cut off midway, and the client gets a broken connection
/// instead of either the answer or a 504. A stream that stalls is still ended by the cluster's
/// <c>HttpRequest:ActivityTimeout</c>.
/// </summary>
public static class TimeoutUntilAnswered
{
    public static IReverseProxyApplicationBuilder UseTimeoutUntilAnswered(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
                return Task.CompletedTask;
            });
            return next();
        });
        return proxy;
    }
}
