using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>What a client sees when a backend is down.</summary>
[Collection(BackendsCollection.Name)]
public sealed class FriendlyFailureTests(Backends backends)
{
    [Fact]
    public async Task WithTheWebAppDownPagesGetASelfContained503WhileTheApiWorks()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Down);
        var client = gateway.CreateEdgeClient();

        var page = await client.GetAsync("/");
        var api = await client.PredictAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("not available", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'sha256-", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task WithThePredictorDownTheApiAnswers503WithAProblem()
    {
        await using var gateway = new GatewayFactory(backends.Down, backends.Web.Address);
        var client = gateway.CreateEdgeClient();

        var response = await client.PredictAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
