using Iris.Gateway.Canary;
using Iris.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// On GKE the canary's destinations and share reach the gateway as a mounted ConfigMap
/// (<c>Gateway:SettingsDirectory</c>): a canary comes, its share moves and it goes as the kubelet updates
/// the files, with no restart and no failed request.
/// </summary>
public sealed class MountedSettingsTests
{
    [Fact]
    public async Task ACanaryComesMovesAndGoesAsTheMountedFilesChange()
    {
        await using var stable = await TestBackend.StartAsync();
        await using var otherStable = await TestBackend.StartAsync();
        await using var canary = await TestBackend.StartAsync();
        using var volume = new ConfigMapVolume();
        volume.Write(new Dictionary<string, string>());
        await using var gateway = new GatewayFactory([stable.Address, otherStable.Address], stable.Address, new Dictionary<string, string?>
        {
            ["Gateway:SettingsDirectory"] = volume.Path,
        });
        using var client = gateway.CreateEdgeClient();
        Assert.DoesNotContain(canary.Address, await SendAsync(client, 50));

        var withCanary = new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__predictor__Destinations__canary__Address"] = canary.Address,
            ["ReverseProxy__Clusters__predictor__Destinations__canary__Metadata__Canary"] = "true",
            // As kubectl writes a ConfigMap's value from a YAML block: with its line end.
            ["Gateway__Canary__Percent"] = "100\n",
        };
        volume.Write(withCanary);
        await AllAnsweredByAsync(client, [canary.Address]);

        volume.Write(new Dictionary<string, string>(withCanary) { ["Gateway__Canary__Percent"] = "0" });
        await AllAnsweredByAsync(client, [stable.Address, otherStable.Address]);

        volume.Write(withCanary);
        await AllAnsweredByAsync(client, [canary.Address]);

        // The canary's destinations go while the share stays: the stable destinations take everything.
        volume.Write(new Dictionary<string, string> { ["Gateway__Canary__Percent"] = "100" });
        await AllAnsweredByAsync(client, [stable.Address, otherStable.Address]);
    }

    [Fact]
    public async Task AShareThatIsNotANumberIsRefusedAndTheGatewayServesOn()
    {
        await using var stable = await TestBackend.StartAsync();
        await using var canary = await TestBackend.StartAsync();
        using var volume = new ConfigMapVolume();
        volume.Write(new Dictionary<string, string> { ["Gateway__Canary__Percent"] = "100" });
        await using var gateway = new GatewayFactory([stable.Address], stable.Address, new Dictionary<string, string?>(GatewaySettings.Canary("predictor", [canary.Address], "0"))
        {
            ["Gateway:SettingsDirectory"] = volume.Path,
        });
        using var client = gateway.CreateEdgeClient();
        await AllAnsweredByAsync(client, [canary.Address]);

        // Told after the gateway's own listener, which was registered first (the canary split refuses the share there).
        var read = new TaskCompletionSource();
        using var listening = gateway.Services.GetRequiredService<IOptionsMonitor<CanaryOptions>>()
            .OnChange(options => { if (options.Percent?.Trim() == "ten") read.TrySetResult(); });
        volume.Write(new Dictionary<string, string> { ["Gateway__Canary__Percent"] = "ten" });
        await read.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal([canary.Address], (await SendAsync(client, 100)).Distinct());
    }

    /// <summary>Waits for an answer from one of <paramref name="backends"/>, then sends 100 more, all of which must come from them.</summary>
    private static async Task AllAnsweredByAsync(HttpClient client, IReadOnlyList<string> backends)
    {
        await Eventually.HoldsAsync(() => SendAsync(client, 1), answered => backends.Contains(answered[0]), $"an answer from {string.Join(" or ", backends)}");
        Assert.All(await SendAsync(client, 100), answered => Assert.Contains(answered, backends));
    }

    /// <summary>The backends that answered, in order; every answer must be a 200.</summary>
    private static async Task<List<string>> SendAsync(HttpClient client, int requests)
    {
        var answers = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await client.PostAsync("/api/name", new StringContent("{}"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            answers.Add(body);
        }
        return answers;
    }
}
