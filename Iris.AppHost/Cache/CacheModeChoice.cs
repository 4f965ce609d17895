namespace Iris.AppHost.Cache;

/// <summary>Which Redis the AppHost uses and why: the rules of <c>Cache:Mode</c>, apart from the machine they probe.</summary>
public static class CacheModeChoice
{
    /// <param name="configured">The value of <c>Cache:Mode</c>, or null for the default (auto).</param>
    /// <param name="isPublishMode">Publishing always deploys the Redis container.</param>
    /// <param name="hasExternalConnectionString">Whether <c>ConnectionStrings:cache</c> is set.</param>
    /// <param name="probeContainerRuntime">Whether a container runtime can run containers, and its state in words; only asked for auto.</param>
    /// <param name="findRedisServer">The path of <c>redis-server</c> on PATH, or null; only asked when needed.</param>
    public static (CacheMode Mode, string Reason) Decide(
        string? configured,
        bool isPublishMode,
        bool hasExternalConnectionString,
        Func<(bool Healthy, string State)> probeContainerRuntime,
        Func<string?> findRedisServer)
    {
        if (isPublishMode)
        {
            return (CacheMode.Container, "publishing always deploys the Redis container");
        }

        configured ??= nameof(CacheMode.Auto);
        // Names only: Enum.TryParse would also take "2" or "container,local".
        var mode = Enum.GetValues<CacheMode>()
            .Where(value => value.ToString().Equals(configured.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(value => (CacheMode?)value)
            .SingleOrDefault()
            ?? throw new InvalidOperationException(
                $"Cache:Mode '{configured}' is not one of: auto, container, local, garnet, external, none.");

        switch (mode)
        {
            case CacheMode.Auto:
                break;
            case CacheMode.Local when findRedisServer() is null:
                throw new InvalidOperationException(
                    "Cache:Mode is 'local' but redis-server is not on PATH (Debian/Ubuntu: apt-get install redis-server).");
            case CacheMode.External when !hasExternalConnectionString:
                throw new InvalidOperationException("Cache:Mode is 'external' but ConnectionStrings:cache is not set.");
            default:
                return (mode, "set by Cache:Mode");
        }

        var (healthy, runtimeState) = probeContainerRuntime();
        if (healthy)
        {
            return (CacheMode.Container, $"auto: {runtimeState}");
        }

        if (findRedisServer() is { } redisServer)
        {
            return (CacheMode.Local, $"auto: {runtimeState}; using {redisServer}");
        }

        return (CacheMode.Garnet, $"auto: {runtimeState} and redis-server is not on PATH; " +
            "using Garnet, a Redis-compatible cache in .NET (production deploys Redis)");
    }
}
