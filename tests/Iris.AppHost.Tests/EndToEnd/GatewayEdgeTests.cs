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
    [InlineData("/", "text/html")]
    [InlineData("/api/predict", "application/json")]
    [InlineData("/api/no-such-route", "application/problem+json")]
    public async Task SecurityHeadersAreOnEveryResponse(string path, string mediaType)
    {
        var client = iris.Gateway;

        var response = path == "/api/predict" ? await client.PredictThroughGatewayAsync(Flowers.Virginica) : await client.GetAsync(path);

        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
        // The content security policy is for pages; JSON answers are not rendered, so they carry none.
        if (mediaType == "text/html")
        {
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("script-src 'self'", policy);
            Assert.Contains("object-src 'none'", policy);
        }
        else
        {
            Assert.False(response.Headers.Contains("Content-Security-Policy"));
        }
    }
}
