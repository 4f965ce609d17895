using System.Net;
using System.Text;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>The gateway's edge behaviour in the system the AppHost runs, with its default settings.</summary>
[Collection(SystemWithRedisCollection.Name)]
public sealed class GatewayEdgeTests(IrisAppWithLocalRedis iris)
{
    [Fact]
    public async Task ABurstOf500QuickRequestsFromOneClientGets429s()
    {
        var client = iris.Gateway;
        var statuses = new List<HttpStatusCode>();
        var gate = new SemaphoreSlim(16);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var status = (await client.GetAsync("/api/model")).StatusCode;
                lock (statuses)
                {
                    statuses.Add(status);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {status}"));
        Assert.True(statuses.Count(status => status == HttpStatusCode.OK) >= 200, "the burst of 200 is allowed");

        // Every local client shares this bucket (they all arrive through Aspire's proxy): let it refill for the next test.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/model")).StatusCode);
    }

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
