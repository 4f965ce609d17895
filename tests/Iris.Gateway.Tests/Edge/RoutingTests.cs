using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>Each route of the gateway's configuration, to the real services behind it.</summary>
[Collection(BackendsCollection.Name)]
public sealed class RoutingTests(Backends backends) : IAsyncLifetime
{
    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address);
        _client = _gateway.CreateEdgeClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task ApiGoesToThePredictorWithoutItsPrefix()
    {
        var response = await _client.PredictAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("virginica", (await response.ReadJsonAsync()).GetProperty("species").GetString());
    }

    [Fact]
    public async Task V2GoesToThePredictorUnchanged()
    {
        var response = await _client.GetAsync("/v2/models/iris");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("iris", (await response.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task EverythingElseGoesToTheWebApp()
    {
        var response = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Petal width", page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task TheGatewayAnswersItsOwnProbes(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
