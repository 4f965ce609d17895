namespace Iris.AppHost.Cache;

/// <summary>Where the Redis cache comes from; set with the configuration key <c>Cache:Mode</c>.</summary>
public enum CacheMode
{
    /// <summary>Container when a container runtime is healthy, else a local redis-server, else Garnet.</summary>
    Auto,

    /// <summary>Aspire's Redis container (always used when publishing).</summary>
    Container,

    /// <summary><c>redis-server</c> from PATH, run as an executable resource.</summary>
    Local,

    /// <summary>Microsoft Garnet, a Redis-protocol server in .NET hosted by <c>Iris.Cache</c>: needs nothing installed.</summary>
    Garnet,

    /// <summary>An existing server, from the connection string <c>ConnectionStrings:cache</c>.</summary>
    External,

    /// <summary>No Redis: the predictor serves without shared history.</summary>
    None,
}
