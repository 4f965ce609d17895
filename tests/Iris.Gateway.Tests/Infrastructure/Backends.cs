namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// The backends shared by a test collection: the real predictor and web app as processes (the web
/// app calling the predictor by service name, resolved from configuration as Aspire would), and a
/// test backend for slow answers and header echoes.
/// </summary>
public sealed class Backends : IAsyncLifetime
{
    public ServiceProcess Predictor { get; private set; } = null!;

    public ServiceProcess Web { get; private set; } = null!;

    public TestBackend Test { get; private set; } = null!;

    /// <summary>An address where nothing listens: a backend that is down.</summary>
    public string Down { get; } = LoopbackPort.Down();

    public async Task InitializeAsync()
    {
        Predictor = await ServiceProcess.StartAsync("Iris.Predictor");
        Web = await ServiceProcess.StartAsync("Iris.Web", new Dictionary<string, string?>
        {
            ["services__predictor__http__0"] = Predictor.Address,
        });
        Test = await TestBackend.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Test.DisposeAsync();
        await Web.DisposeAsync();
        await Predictor.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BackendsCollection : ICollectionFixture<Backends>
{
    public const string Name = "Backends";
}
