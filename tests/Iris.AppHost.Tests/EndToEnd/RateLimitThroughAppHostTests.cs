using System.Net;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>
/// The gateway's rate limit in the system the AppHost runs, with the AppHost passing its Gateway
/// settings on. A small bucket, so that the outcome does not depend on how fast this machine sends.
/// </summary>
public sealed class RateLimitThroughAppHostTests(IrisAppWithTightRateLimit iris) : IClassFixture<IrisAppWithTightRateLimit>
{
    [Fact]
    public async Task ABurstFromOneClientGets429sWithRetryAfter()
    {
        var responses = new List<HttpResponseMessage>();
        var gate = new SemaphoreSlim(16);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await iris.Gateway.GetAsync("/api/model");
                lock (responses)
                {
                    responses.Add(response);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {r.StatusCode}"));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) >= 20, "the burst of 20 is allowed");
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Headers.Contains("Retry-After")));
    }
}
