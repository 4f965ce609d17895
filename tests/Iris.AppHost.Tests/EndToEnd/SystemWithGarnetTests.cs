using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Iris.AppHost.Cache;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>The whole system on the embedded Garnet cache (Cache:Mode=garnet): nothing installed, the shared history working.</summary>
public sealed class SystemWithGarnetTests(IrisAppWithGarnet iris) : IClassFixture<IrisAppWithGarnet>
{
    [Fact]
    public async Task TheCacheIsGarnetAndHealthy()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        await iris.App.ResourceNotifications.WaitForResourceHealthyAsync("cache", cancellation.Token);

        Assert.IsType<GarnetServerResource>(iris.FindResource("cache"));
        Assert.Equal("Healthy", await iris.Gateway.GetStringAsync("/health"));
    }

    [Fact]
    public async Task BothReplicasWriteAndReadTheSharedHistory()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var replicas = (await iris.ReplicaProcessIdsAsync("predictor", expected: 2, cancellation.Token)).Select(ReplicaClient).ToList();
        // The first read can meet a cold Garnet, whose first transaction JIT-compiles, slower than the
        // predictor's 1 s Redis timeout on a loaded machine: that read answers 503, as designed.
        var before = (await Eventually.HoldsAsync(() => StatsAsync(replicas[0]), stats => stats is not null,
            "the shared history answering", within: TimeSpan.FromSeconds(15)))!.Value;

        // Setosas to one replica, versicolors to the other, straight to each, past Aspire's proxy.
        for (var i = 0; i < 3; i++)
        {
            (await replicas[0].PostAsJsonAsync("/predict", Flowers.Setosa, cancellation.Token)).EnsureSuccessStatusCode();
            (await replicas[1].PostAsJsonAsync("/predict", Flowers.Versicolor, cancellation.Token)).EnsureSuccessStatusCode();
        }

        foreach (var replica in replicas)
        {
            // Each replica's counts show what both wrote: the history is shared, not per process.
            await Eventually.HoldsAsync(() => StatsAsync(replica),
                stats => stats?.Setosa >= before.Setosa + 3 && stats?.Versicolor >= before.Versicolor + 3,
                "both replicas' predictions in every replica's counts", within: TimeSpan.FromSeconds(15));
        }
        // And through the gateway, as the web page reads it.
        var recent = await iris.Gateway.GetFromJsonAsync<JsonElement>("/api/predictions/recent?limit=20", cancellation.Token);
        var species = recent.EnumerateArray().Select(p => p.GetProperty("species").GetString()).ToHashSet();
        Assert.Contains("setosa", species);
        Assert.Contains("versicolor", species);
        replicas.ForEach(replica => replica.Dispose());
    }

    /// <summary>A replica's counts, or null while it answers that the history is unavailable (503).</summary>
    private static async Task<(long Setosa, long Versicolor)?> StatsAsync(HttpClient replica)
    {
        using var response = await replica.GetAsync("/predictions/stats");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }
        // Anything else but a 200 fails with the service's own account of it (its problem details carry a trace id).
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {replica.BaseAddress}: {await response.Content.ReadAsStringAsync()}");
        var counts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("countsBySpecies");
        return (counts.GetProperty("setosa").GetInt64(), counts.GetProperty("versicolor").GetInt64());
    }

    /// <summary>A client for one replica, at the HTTP address the orchestrator gave that process.</summary>
    private static HttpClient ReplicaClient(int processId)
    {
        var environment = File.ReadAllText($"/proc/{processId}/environ").Split('\0');
        var url = environment.Single(variable => variable.StartsWith("Kestrel__Endpoints__http__Url=", StringComparison.Ordinal)).Split('=', 2)[1];
        return new HttpClient { BaseAddress = new Uri(url.Replace("*", "localhost", StringComparison.Ordinal)) };
    }
}
