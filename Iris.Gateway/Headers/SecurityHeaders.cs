using Microsoft.Net.Http.Headers;

namespace Iris.Gateway.Headers;

/// <summary>
/// Headers every response leaves the gateway with, whatever produced it (a backend, the rate
/// limiter, an error page): no MIME sniffing, no referrer, no framing, a strict content security
/// policy for pages that bring none of their own, and no <c>Server</c> header naming the stack.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Pages may load scripts, styles, images and fonts from the site itself only; no inline script.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.Remove(HeaderNames.Server);
                if (IsPage(response.ContentType) && !headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                }
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });

    private static bool IsPage(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
