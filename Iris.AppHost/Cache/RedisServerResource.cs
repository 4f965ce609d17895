namespace Iris.AppHost.Cache;

/// <summary>
/// <c>redis-server</c> from PATH as an executable resource: Redis for machines without a container runtime.
/// Its connection string is the plain <c>host:port</c> that StackExchange.Redis accepts.
/// </summary>
public sealed class RedisServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
