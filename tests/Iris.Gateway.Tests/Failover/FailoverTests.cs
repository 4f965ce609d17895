using System.Net;
using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Failover;

/// <summary>Two real predictor processes behind the gateway; one is killed while requests flow.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private const int Requests = 2_000;
    private const int Clients = 4;

    private ServiceProcess _first = null!;
    private ServiceProcess _second = null!;
    private readonly string _down = LoopbackPort.Down();

    public async Task InitializeAsync()
    {
        _first = await ServiceProcess.StartAsync("Iris.Predictor");
        _second = await ServiceProcess.StartAsync("Iris.Predictor");
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task KillingOneOfTwoReplicasUnderLoadFailsAtMostOneRequestInAThousand()
    {
        await using var gateway = new GatewayFactory([_first.Address, _second.Address], _down);
        var client = gateway.CreateEdgeClient();
        var sent = 0;
        var kills = 0;
        var failures = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        async Task ClientLoopAsync()
        {
            int request;
            while ((request = Interlocked.Increment(ref sent)) <= Requests)
            {
                // Exactly one client draws this number: the kill happens once, a quarter of the way in.
                if (request == Requests / 4)
                {
                    _first.Kill();
                    Interlocked.Increment(ref kills);
                }
                var response = await client.PredictAsync();
                statuses.Add(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ClientLoopAsync()));

        Assert.Equal(1, kills);
        Assert.True(_first.HasExited, "the first replica was killed");
        Assert.Equal(Requests, statuses.Count);
        Assert.True(failures <= Requests / 1_000,
            $"{failures} of {Requests} requests failed: {string.Join(", ", statuses.Where(s => s != HttpStatusCode.OK).Distinct())}");
    }

    [Fact]
    public async Task AReplicaThatIsDownFromTheStartCostsNoFailedRequest()
    {
        await using var gateway = new GatewayFactory([_down, _second.Address], _down);
        var client = gateway.CreateEdgeClient();

        var responses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            responses.Add((await client.PredictAsync()).StatusCode);
        }

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
