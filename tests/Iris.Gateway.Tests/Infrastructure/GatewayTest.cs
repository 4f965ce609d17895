namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>A test class with the gateway in its default configuration in front of the shared backends.</summary>
[Collection(BackendsCollection.Name)]
public abstract class GatewayTest(Backends backends) : IAsyncLifetime
{
    protected Backends Backends { get; } = backends;

    protected GatewayFactory Gateway { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Gateway = GatewayFactory.InFrontOf(Backends);
        Client = Gateway.CreateEdgeClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
