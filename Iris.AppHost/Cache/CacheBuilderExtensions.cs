using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iris.AppHost.Cache;

public static class CacheBuilderExtensions
{
    /// <summary>
    /// Adds the Redis cache as <c>Cache:Mode</c> asks (see <see cref="CacheMode"/>), or nothing for <c>none</c>.
    /// Publishing always uses the Redis container, so the deployment manifest carries one.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddIrisCache(this IDistributedApplicationBuilder builder, string name)
    {
        var (mode, reason) = ChooseMode(builder);

        // Say which Redis was chosen and why, in the AppHost's console, once logging is up.
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Iris.AppHost.Cache")
                .LogInformation("Cache mode: {Mode} ({Reason})", mode.ToString().ToLowerInvariant(), reason);
            return Task.CompletedTask;
        });

        return mode switch
        {
            CacheMode.Container => builder.AddRedis(name),
            CacheMode.Local => builder.AddRedisServer(name),
            CacheMode.Garnet => builder.AddGarnetServer(name),
            CacheMode.External => builder.AddConnectionString(name),
            CacheMode.None => null,
            _ => throw new InvalidOperationException($"Unexpected cache mode {mode}."),
        };
    }

    /// <summary>
    /// References the cache and waits for it; does nothing when there is no cache. Only the connection
    /// string is passed (what the Redis client reads): the cache's separate properties would repeat its
    /// password in more variables, which deployment tools such as Aspirate write as plain ConfigMap values.
    /// Aspire keeps this choice per resource, so it holds for every reference the resource makes: the
    /// services it references are still passed as service discovery and endpoint variables.
    /// </summary>
    public static IResourceBuilder<T> WithCache<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString>? cache)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        cache is null
            ? builder
            : builder.WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString
                    | ReferenceEnvironmentInjectionFlags.ServiceDiscovery | ReferenceEnvironmentInjectionFlags.Endpoints)
                .WithReference(cache).WaitFor(cache);

    /// <summary><c>redis-server</c> from PATH, on a port Aspire allocates, persisting nothing, with the Redis client's health check.</summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name)
    {
        var redis = new RedisServerResource(name, builder.AppHostDirectory);
        return builder.AddResource(redis)
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp")
            // A cache for development: no snapshot or append-only file left behind.
            .WithArgs("--port", redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
            .WithRedisHealthCheck();
    }

    /// <summary>
    /// Garnet hosted by <c>Iris.Cache</c> (its build output, which bounds its memory and persists nothing),
    /// on a port Aspire allocates, on loopback, with a generated password, with the Redis client's health check.
    /// </summary>
    public static IResourceBuilder<GarnetServerResource> AddGarnetServer(this IDistributedApplicationBuilder builder, string name)
    {
        var cachePassword = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var garnet = new GarnetServerResource(name, builder.AppHostDirectory, cachePassword);
        return builder.AddResource(garnet)
            .WithEndpoint(name: GarnetServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(LocalCacheHost.AssemblyPath(), "--port", garnet.PrimaryEndpoint.Property(EndpointProperty.TargetPort), "--bind", "127.0.0.1")
            // From the environment, not the command line, which the dashboard shows as it is.
            .WithEnvironment(LocalCacheHost.PasswordVariable, ReferenceExpression.Create($"{cachePassword}"))
            .WithRedisHealthCheck();
    }

    /// <summary>
    /// The resource's health as Aspire checks its own Redis: the Redis client's PING
    /// (AspNetCore.HealthChecks.Redis) at the resource's connection string, once its port is allocated.
    /// </summary>
    private static IResourceBuilder<T> WithRedisHealthCheck<T>(this IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}-check";
        string? connectionString = null;
        resource.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource.Resource, async (_, cancellationToken) =>
            connectionString = await resource.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
        resource.ApplicationBuilder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new DistributedApplicationException($"The connection string of '{resource.Resource.Name}' is not available yet."),
            name: key);
        return resource.WithHealthCheck(key);
    }

    private static (CacheMode Mode, string Reason) ChooseMode(IDistributedApplicationBuilder builder) =>
        CacheModeChoice.Decide(
            builder.Configuration["Cache:Mode"],
            builder.ExecutionContext.IsPublishMode,
            !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("cache")),
            () =>
            {
                var runtime = ContainerRuntime.Configured(builder.Configuration);
                return (ContainerRuntime.IsHealthy(runtime, out var state), state);
            },
            () => ExecutableSearch.FindOnPath("redis-server"));
}
