using Iris.AppHost.Cache;

namespace Iris.AppHost.Tests.Cache;

public sealed class CacheModeChoiceTests
{
    private static readonly Func<(bool, string)> RuntimeHealthy = () => (true, "docker engine 28.2 is running");
    private static readonly Func<(bool, string)> RuntimeDown = () => (false, "'docker' was found but its engine is not running");
    private static readonly Func<string?> RedisOnPath = () => "/usr/bin/redis-server";
    private static readonly Func<string?> NoRedis = () => null;

    [Fact]
    public void AutoPrefersAHealthyContainerRuntime()
    {
        var (mode, reason) = CacheModeChoice.Decide(null, false, false, RuntimeHealthy, RedisOnPath);

        Assert.Equal(CacheMode.Container, mode);
        Assert.Contains("docker engine", reason);
    }

    [Fact]
    public void AutoFallsBackToLocalRedisServerAndSaysWhy()
    {
        var (mode, reason) = CacheModeChoice.Decide("auto", false, false, RuntimeDown, RedisOnPath);

        Assert.Equal(CacheMode.Local, mode);
        Assert.Contains("engine is not running", reason);
        Assert.Contains("/usr/bin/redis-server", reason);
    }

    [Fact]
    public void AutoRunsGarnetWhenThereIsNeitherAndSaysSo()
    {
        var (mode, reason) = CacheModeChoice.Decide("AUTO", false, false, RuntimeDown, NoRedis);

        Assert.Equal(CacheMode.Garnet, mode);
        Assert.Contains("redis-server is not on PATH", reason);
        Assert.Contains("Garnet", reason);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("local")]
    [InlineData("garnet")]
    [InlineData("none")]
    public void PublishingAlwaysUsesTheContainer(string configured)
    {
        var (mode, _) = CacheModeChoice.Decide(configured, true, false, RuntimeDown, NoRedis);

        Assert.Equal(CacheMode.Container, mode);
    }

    [Theory]
    [InlineData("container", CacheMode.Container)]
    [InlineData("Local", CacheMode.Local)]
    [InlineData("garnet", CacheMode.Garnet)]
    [InlineData("external", CacheMode.External)]
    [InlineData("none", CacheMode.None)]
    public void AnExplicitModeIsTakenWithoutProbingTheRuntime(string configured, CacheMode expected)
    {
        var (mode, _) = CacheModeChoice.Decide(configured, false, true,
            () => throw new InvalidOperationException("the runtime must not be probed"), RedisOnPath);

        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("2")]
    [InlineData("container,local")]
    [InlineData("")]
    public void AnUnknownModeIsRefusedWithTheValidChoices(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CacheModeChoice.Decide(configured, false, false, RuntimeDown, RedisOnPath));

        Assert.Contains("auto, container, local, garnet, external, none", error.Message);
    }

    [Fact]
    public void LocalWithoutRedisServerIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CacheModeChoice.Decide("local", false, false, RuntimeDown, NoRedis));

        Assert.Contains("redis-server is not on PATH", error.Message);
    }

    [Fact]
    public void ExternalWithoutConnectionStringIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CacheModeChoice.Decide("external", false, false, RuntimeDown, RedisOnPath));

        Assert.Contains("ConnectionStrings:cache", error.Message);
    }
}
