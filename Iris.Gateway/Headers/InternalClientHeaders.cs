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
            foreach (var name in headers.Select(header => header.Key)
                         .Where(name => name.StartsWith(InternalPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                headers.Remove(name);
            }
            return ValueTask.CompletedTask;
        });
}
