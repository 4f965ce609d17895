using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Iris.Gateway.Errors;

/// <summary>
/// A page that needs nothing from the backend that failed: its style is inline and allowed by
/// its hash in the page's own content security policy.
/// </summary>
public static class UnavailablePage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933}" +
        "h1{font-size:1.5rem}p{line-height:1.5}";

    private static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static Task WriteAsync(HttpContext context, int status, string title)
    {
        var message = status == StatusCodes.Status504GatewayTimeout
            ? "The Iris site took too long to answer. Please try again in a moment."
            : "The Iris site is not available right now. Please try again in a moment.";
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.CacheControl = "no-store";
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{WebUtility.HtmlEncode(title)} · Iris</title><style>{Style}</style></head>
            <body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{message}</p><p>The prediction API may still be answering at <a href="/api/model">/api/model</a>.</p></body>
            </html>
            """);
    }
}
