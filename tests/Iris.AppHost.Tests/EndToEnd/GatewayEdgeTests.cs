using System.Net;
using System.Text;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>The gateway's edge behaviour in the system the AppHost runs, with its default settings.</summary>
[Collection(SystemWithRedisCollection.Name)]
public sealed class GatewayEdgeTests(IrisAppWithLocalRedis iris)
{
    [Fact]
    public async Task A70KiBBodyGets413()
    {
        var client = iris.Gateway;
        var body = "{\"instances\":[" + string.Join(',', Enumerable.Repeat("[5.1,3.5,1.4,0.2]", 70 * 1024 / 18 + 1)) + "]}";

        var response = await client.PostAsync("/api/predict/batch", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/predict")]
    public async Task SecurityHeadersArePresent(string path)
    {
        var client = iris.Gateway;

        var response = path == "/" ? await client.GetAsync(path) : await client.PredictThroughGatewayAsync(Flowers.Virginica);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
        if (path == "/")
        {
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }
}
