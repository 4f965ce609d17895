using System.Net;
using System.Text.Json;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>What responses leave the gateway with, and what backends receive.</summary>
public sealed class HeaderTests(Backends backends) : GatewayTest(backends)
{
    public static TheoryData<string> Paths => ["/", "/api/predict"];

    private async Task<HttpResponseMessage> FetchAsync(string path) =>
        path == "/" ? await Client.GetAsync(path) : await Client.PredictAsync();

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ResponsesForbidSniffingAndReferrersAndNameNoServer(string path)
    {
        var response = await FetchAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"), "no Server header");
    }

    [Fact]
    public async Task PagesCarryAStrictContentSecurityPolicy()
    {
        var response = await Client.GetAsync("/");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task BackendsReceiveTheForwardedHeadersAndNotTheClientsInternalOnes()
    {
        await using var gateway = new GatewayFactory(Backends.Test.Address, Backends.Web.Address);
        var client = gateway.CreateEdgeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/headers");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");
        request.Headers.Add("Forwarded", "for=198.51.100.1");
        request.Headers.Add("X-Real-IP", "198.51.100.1");
        request.Headers.Add("X-Iris-Internal", "forged");
        request.Headers.Add("Keep-Alive", "timeout=5");

        var received = (await (await client.SendAsync(request)).ReadJsonAsync())
            .EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString());

        Assert.Equal("127.0.0.1", received["x-forwarded-for"]);
        Assert.Equal("http", received["x-forwarded-proto"]);
        Assert.Equal(client.BaseAddress!.Authority, received["x-forwarded-host"]);
        Assert.DoesNotContain("forwarded", received.Keys);
        Assert.DoesNotContain("x-real-ip", received.Keys);
        Assert.DoesNotContain("x-iris-internal", received.Keys);
        Assert.DoesNotContain("keep-alive", received.Keys);
    }
}
