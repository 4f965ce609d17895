using System.Diagnostics;
using System.Net;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>
/// One of the two predictor replicas the AppHost runs is killed while requests flow through the
/// gateway. A system of its own: the test leaves it with one replica.
/// </summary>
public sealed class ReplicaFailoverTests(IrisAppForLoad iris) : IClassFixture<IrisAppForLoad>
{
    private const int Requests = 2_000;

    [Fact]
    public async Task KillingOneReplicaUnderLoadFailsAtMostOneRequestInAThousand()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var replicas = await iris.ReplicaProcessIdsAsync("predictor", expected: 2, cancellation.Token);
        using var victim = Process.GetProcessById(replicas[0]);
        var sent = 0;
        var kills = 0;
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();

        async Task ClientAsync()
        {
            int request;
            while ((request = Interlocked.Increment(ref sent)) <= Requests)
            {
                // Exactly one client draws this number: the kill happens once, a quarter of the way in.
                if (request == Requests / 4)
                {
                    // The orchestrator reports the `dotnet run` wrapper; the service is its child.
                    victim.Kill(entireProcessTree: true);
                    Interlocked.Increment(ref kills);
                }
                try
                {
                    var response = await iris.Gateway.PredictThroughGatewayAsync(Flowers.Virginica);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failed.Add(response.StatusCode.ToString());
                    }
                }
                catch (HttpRequestException ex)
                {
                    failed.Add(ex.Message);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ClientAsync()));

        Assert.Equal(1, kills);
        Assert.True(victim.WaitForExit(TimeSpan.FromSeconds(10)), "the replica was killed");
        Assert.True(failed.Count <= Requests / 1_000, $"{failed.Count} of {Requests} failed: {string.Join("; ", failed.Distinct())}");
    }
}
