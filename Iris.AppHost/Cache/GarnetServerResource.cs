namespace Iris.AppHost.Cache;

/// <summary>
/// Microsoft Garnet, hosted by <c>Iris.Cache</c>, as an executable resource: a Redis-protocol cache
/// that needs nothing but .NET. Its connection string is the <c>host:port,password=…</c> that
/// StackExchange.Redis takes, as for Redis.
/// </summary>
public sealed class GarnetServerResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={Password}");
}
