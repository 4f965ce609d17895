using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Iris.Gateway.Headers;

/// <summary>
/// Headers a client must not be able to set for a backend: other proxies' client-address headers
/// (the gateway writes X-Forwarded-* itself, replacing what a client sent) and the project's own
/// internal headers. Hop-by-hop headers (Connection, Keep-Alive, TE, Upgrade, Proxy-*) are never
/// forwarded by YARP.
/// </summary>
public static class InternalClientHeaders
{
    public const string InternalPrefix = "X-Iris-";

    private static readonly string[] ProxyHeaders =
        ["Forwarded", "X-Real-IP", "X-Client-IP", "X-Original-For", "X-Original-Host", "X-Original-Proto", "X-Original-URL", "X-Rewrite-URL"];

    public static void RemoveInternalClientHeaders(this TransformBuilderContext transforms) =>
        transforms.AddRequestTransform(context =>
        {
            var headers = context.ProxyRequest.Headers;
            foreach (var name in ProxyHeaders)
            {
                headers.Remove(name);
            }
            // NonValidated: enumerating the headers themselves would parse every value on every request.
            List<string>? internalNames = null;
            foreach (var header in headers.NonValidated)
            {
                if (header.Key.StartsWith(InternalPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    (internalNames ??= []).Add(header.Key);
                }
            }
            foreach (var name in internalNames ?? Enumerable.Empty<string>())
            {
                headers.Remove(name);
            }
            return ValueTask.CompletedTask;
        });
}
