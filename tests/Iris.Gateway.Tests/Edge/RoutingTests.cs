using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>Each route of the gateway's configuration, to the real services behind it.</summary>
public sealed class RoutingTests(Backends backends) : GatewayTest(backends)
{
    [Fact]
    public async Task ApiGoesToThePredictorWithoutItsPrefix()
    {
        var response = await Client.PredictAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("virginica", (await response.ReadJsonAsync()).GetProperty("species").GetString());
    }

    [Fact]
    public async Task V2GoesToThePredictorUnchanged()
    {
        var response = await Client.GetAsync("/v2/models/iris");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("iris", (await response.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task EverythingElseGoesToTheWebApp()
    {
        var response = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Petal width", page, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task TheGatewayAnswersItsOwnProbes(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
