using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>Body size, time and header limits at the edge.</summary>
[Collection(BackendsCollection.Name)]
public sealed class LimitsTests(Backends backends)
{
    private static string FlowersOfSize(int bytes)
    {
        var row = "[5.1,3.5,1.4,0.2],";
        return "{\"instances\":[" + string.Concat(Enumerable.Repeat(row, (bytes / row.Length) + 1)).TrimEnd(',') + "]}";
    }

    [Theory]
    [InlineData("/api/predict/batch")]
    [InlineData("/v2/models/iris/infer")]
    public async Task ABodyOver64KiBGets413AtTheGateway(string path)
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address);
        var client = gateway.CreateEdgeClient();

        var response = await client.PostAsync(path, Requests.Json(FlowersOfSize(70 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AChunkedBodyOver64KiBGets413Too()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address);
        var client = gateway.CreateEdgeClient();
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(FlowersOfSize(70 * 1024))));
        content.Headers.ContentType = new("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/predict/batch") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ABodyJustUnderTheLimitIsForwarded()
    {
        await using var gateway = new GatewayFactory(backends.Test.Address, backends.Web.Address);
        var client = gateway.CreateEdgeClient();

        var response = await client.PostAsync("/api/headers", Requests.Json(new string(' ', 60 * 1024) + "{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ABackendSlowerThanTheRouteTimeoutGets504WithAProblem()
    {
        await using var gateway = new GatewayFactory(backends.Test.Address, backends.Web.Address,
            new Dictionary<string, string?> { ["ReverseProxy:Routes:api:Timeout"] = "00:00:01" });
        var client = gateway.CreateEdgeClient();

        var response = await client.GetAsync("/api/slow?seconds=30");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAnswerThatBeganWithinTheRouteTimeoutIsNotCutOff()
    {
        await using var gateway = new GatewayFactory(backends.Test.Address, backends.Web.Address,
            new Dictionary<string, string?> { ["ReverseProxy:Routes:api:Timeout"] = "00:00:03" });
        var client = gateway.CreateEdgeClient();
        // The route's first request pays for the gateway's JIT and its first connection to the backend:
        // taken first, so that only the answer below meets the timeout, however slow the machine.
        (await client.GetAsync("/api/slow-body?seconds=0")).EnsureSuccessStatusCode();

        var response = await client.GetAsync("/api/slow-body?seconds=6");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("begun, finished", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(6 * 1024, HttpStatusCode.OK)]
    [InlineData(10 * 1024, HttpStatusCode.RequestHeaderFieldsTooLarge)]
    public async Task HeadersOverTheConfiguredTotalAreRefused(int padding, HttpStatusCode expected)
    {
        // A limit below Kestrel's 32 KiB default, so that only the setting can refuse the larger header.
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address,
            new Dictionary<string, string?> { ["Kestrel:Limits:MaxRequestHeadersTotalSize"] = "8192" });
        var client = gateway.CreateEdgeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/model");
        request.Headers.Add("X-Padding", new string('a', padding));

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(40, HttpStatusCode.OK)]
    [InlineData(70, HttpStatusCode.RequestHeaderFieldsTooLarge)]
    public async Task TheShippedLimitAllows64Headers(int headers, HttpStatusCode expected)
    {
        // The shipped settings: 64 headers at most, where Kestrel alone would take 100.
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address);
        var client = gateway.CreateEdgeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/model");
        for (var i = 0; i < headers; i++)
        {
            request.Headers.Add($"X-Header-{i}", "v");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(900 * 1024, HttpStatusCode.OK)]
    [InlineData(1100 * 1024, HttpStatusCode.RequestEntityTooLarge)]
    public async Task BodiesOutsideTheApiAreLimitedToOneMebibyte(int size, HttpStatusCode expected)
    {
        // The shipped limit for the web app's routes (Kestrel alone would take 30 MB).
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Test.Address);
        var client = gateway.CreateEdgeClient();

        var response = await client.PostAsync("/headers", new ByteArrayContent(new byte[size]));

        Assert.Equal(expected, response.StatusCode);
    }
}
