using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>The token bucket per client address. Slow rates and small bursts keep the counts exact on a loaded machine.</summary>
[Collection(BackendsCollection.Name)]
public sealed class RateLimitTests(Backends backends)
{
    private GatewayFactory Gateway(int tokensPerSecond, int burst, params string[] trustedProxies)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:TokensPerSecond"] = tokensPerSecond.ToString(),
            ["Gateway:RateLimit:Burst"] = burst.ToString(),
        };
        for (var i = 0; i < trustedProxies.Length; i++)
        {
            settings[$"Gateway:TrustedProxies:{i}"] = trustedProxies[i];
        }
        return new GatewayFactory(backends.Predictor.Address, backends.Web.Address, settings);
    }

    private static async Task<List<HttpResponseMessage>> SendAsync(HttpClient client, int count, string? forwardedFor = null)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/model");
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
            responses.Add(await client.SendAsync(request));
        }
        return responses;
    }

    [Fact]
    public async Task ABurstBeyondTheBucketGets429WithRetryAfterAndAProblem()
    {
        await using var gateway = Gateway(tokensPerSecond: 1, burst: 5);
        var client = gateway.CreateEdgeClient();

        var responses = await SendAsync(client, 30);

        Assert.True(responses.Take(5).All(response => response.StatusCode == HttpStatusCode.OK), "the burst is allowed");
        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        var first = refused[0];
        Assert.True(int.Parse(first.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await first.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TheShippedBucketLetsABurstOf200ThroughAndRefillsAt100ASecond()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address).WithShippedRateLimit();
        var client = gateway.CreateEdgeClient();
        await client.GetAsync("/alive"); // started, and not counted: probes are exempt

        // 400 at once from one address: docs/gateway.md's bucket holds 200 and adds 100 each second.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 400).Select(async _ =>
        {
            using var response = await client.GetAsync("/api/model");
            return response.StatusCode;
        }));
        var seconds = clock.Elapsed.TotalSeconds;

        var allowed = statuses.Count(status => status == HttpStatusCode.OK);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        // However slow the machine: at least the burst, at most the burst and what a second refills.
        Assert.InRange(allowed, 200, 200 + (int)Math.Ceiling(100 * seconds) + 1);
    }

    [Fact]
    public async Task ProbesAreNeverLimited()
    {
        await using var gateway = Gateway(tokensPerSecond: 1, burst: 2);
        var client = gateway.CreateEdgeClient();
        await SendAsync(client, 5);

        var probes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/alive")));

        Assert.All(probes, probe => Assert.Equal(HttpStatusCode.OK, probe.StatusCode));
    }

    [Fact]
    public async Task ZeroTurnsTheLimitOff()
    {
        await using var gateway = Gateway(tokensPerSecond: 0, burst: 0);
        var client = gateway.CreateEdgeClient();

        var responses = await SendAsync(client, 300);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public async Task BehindATrustedProxyEachForwardedClientHasItsOwnBucket()
    {
        await using var gateway = Gateway(tokensPerSecond: 1, burst: 3, trustedProxies: "127.0.0.0/8");
        var client = gateway.CreateEdgeClient();

        var first = await SendAsync(client, 10, forwardedFor: "203.0.113.7");
        var second = await SendAsync(client, 3, forwardedFor: "203.0.113.8");

        Assert.Contains(first, response => response.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(second, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public async Task WithoutATrustedProxyAForgedForwardedForDoesNotBuyANewBucket()
    {
        await using var gateway = Gateway(tokensPerSecond: 1, burst: 3);
        var client = gateway.CreateEdgeClient();

        await SendAsync(client, 10, forwardedFor: "203.0.113.7");
        var forged = await SendAsync(client, 3, forwardedFor: "203.0.113.99");

        Assert.Contains(forged, response => response.StatusCode == HttpStatusCode.TooManyRequests);
    }
}
