using Iris.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// The predictor cluster's requests shared between stable and canary destinations by
/// <c>Gateway:Canary:Percent</c>, through the real gateway to real backends, each answering with its own
/// address.
/// </summary>
public sealed class CanarySplitTests
{
    [Fact]
    public async Task TheCanaryGetsItsShareAndTheStableOnesTheRest()
    {
        await using var stable = await TestBackend.StartAsync();
        await using var otherStable = await TestBackend.StartAsync();
        await using var canary = await TestBackend.StartAsync();
        await using var gateway = Gateway([stable.Address, otherStable.Address], canary.Address, percent: "10");

        var answered = await SendAsync(gateway, 4000);

        // Each request goes to the canary with probability 0.1 on its own: a binomial count with mean 400
        // and standard deviation 19 over 4,000 requests. Five deviations either way (305 to 495) fail a
        // correct split about once in 1.7 million runs; a split that ignored the setting would give 0 or
        // about 1,333 (a third).
        Assert.InRange(answered.GetValueOrDefault(canary.Address), 305, 495);
        Assert.Equal(4000, answered.Values.Sum());
        Assert.True(answered.GetValueOrDefault(stable.Address) > 1000, "Both stable destinations share the rest.");
        Assert.True(answered.GetValueOrDefault(otherStable.Address) > 1000, "Both stable destinations share the rest.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    public async Task NoneAndAllAreExact(string percent)
    {
        await using var stable = await TestBackend.StartAsync();
        await using var canary = await TestBackend.StartAsync();
        await using var gateway = Gateway([stable.Address], canary.Address, percent);

        var answered = await SendAsync(gateway, 300);

        var expected = percent == "100" ? canary.Address : stable.Address;
        Assert.Equal(new Dictionary<string, int> { [expected] = 300 }, answered);
    }

    [Theory]
    [InlineData("50", "canary")]
    [InlineData("10", "stable")]
    public async Task WhenOneSideIsDownTheOtherAnswersEveryRequest(string percent, string down)
    {
        // Two live destinations: YARP asks no policy when only one destination is left.
        await using var live = await TestBackend.StartAsync();
        await using var otherLive = await TestBackend.StartAsync();
        var nowhere = LoopbackPort.Down();
        await using var gateway = down == "canary"
            ? Gateway([live.Address, otherLive.Address], [nowhere], percent)
            : Gateway([nowhere], [live.Address, otherLive.Address], percent);

        // SendAsync fails on any answer but 200.
        var answered = await SendAsync(gateway, 300);

        Assert.Equal(300, answered.GetValueOrDefault(live.Address) + answered.GetValueOrDefault(otherLive.Address));
    }

    [Fact]
    public async Task AReloadMovesTheShareWithoutARestartAndABadShareIsRefused()
    {
        await using var stable = await TestBackend.StartAsync();
        await using var canary = await TestBackend.StartAsync();
        await using var gateway = Gateway([stable.Address], canary.Address, percent: "0");
        Assert.Equal(new Dictionary<string, int> { [stable.Address] = 100 }, await SendAsync(gateway, 100));

        var configuration = (IConfigurationRoot)gateway.Services.GetRequiredService<IConfiguration>();
        configuration["Gateway:Canary:Percent"] = "100";
        configuration.Reload();
        Assert.Equal(new Dictionary<string, int> { [canary.Address] = 100 }, await SendAsync(gateway, 100));

        configuration["Gateway:Canary:Percent"] = "250";
        configuration.Reload();
        Assert.Equal(new Dictionary<string, int> { [canary.Address] = 100 }, await SendAsync(gateway, 100));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    public async Task ARequestForAVersionBothSidesServeIsSharedLikeAnyOther(string percent)
    {
        // A canary of new code with the same model: both sides serve the version a request names.
        await using var stable = await TestBackend.StartAsync(modelVersion: "b54e9b91b638");
        await using var otherStable = await TestBackend.StartAsync(modelVersion: "b54e9b91b638");
        await using var canary = await TestBackend.StartAsync(modelVersion: "b54e9b91b638");
        await using var gateway = Gateway([stable.Address, otherStable.Address], canary.Address, percent).Started();
        // A second probe of each means that the gateway has read the answers to the first.
        await Eventually.HoldsAsync(() => Task.FromResult(new[] { stable, otherStable, canary }.Min(backend => backend.HealthProbes)),
            probes => probes >= 2, "two health probes of every backend");

        var answered = await SendAsync(gateway, 300, "/v2/models/iris/versions/b54e9b91b638/infer");

        Assert.Equal(300, percent == "100" ? answered.GetValueOrDefault(canary.Address) : answered.Where(pair => pair.Key != canary.Address).Sum(pair => pair.Value));
    }

    [Fact]
    public void AShareOutsideZeroToHundredStopsTheGatewayAtStart()
    {
        var error = Assert.ThrowsAny<Exception>(() => Gateway(["http://127.0.0.1:1"], "http://127.0.0.1:2", "101").Started());

        Assert.Contains("Gateway:Canary:Percent=101 is not a share from 0 to 100.", error.ToString());
    }

    private static GatewayFactory Gateway(IReadOnlyList<string> stable, string canary, string percent) =>
        Gateway(stable, [canary], percent);

    private static GatewayFactory Gateway(IReadOnlyList<string> stable, IReadOnlyList<string> canaries, string percent) =>
        new(stable, stable[0], GatewaySettings.Canary("predictor", canaries, percent));

    /// <summary>POSTs to the predictor route from a few clients at once; how many answers each backend gave.</summary>
    private static async Task<Dictionary<string, int>> SendAsync(GatewayFactory gateway, int requests, string path = "/api/name")
    {
        using var client = gateway.CreateEdgeClient();
        var answers = new List<string>();
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellationToken) =>
        {
            using var response = await client.PostAsync(path, new StringContent("{}"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            lock (answers)
            {
                answers.Add(body);
            }
        });
        return answers.GroupBy(answer => answer).ToDictionary(group => group.Key, group => group.Count());
    }
}
