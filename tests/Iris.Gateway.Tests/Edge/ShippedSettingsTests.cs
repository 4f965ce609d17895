using Iris.Gateway.Canary;
using Iris.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace Iris.Gateway.Tests.Edge;

/// <summary>
/// The settings docs/gateway.md promises, as the running gateway holds them (its proxy state and Kestrel's
/// options), written here as that page states them: a change of a promise fails here until the page
/// and this test change with it. The behaviour each setting gives is tested beside it (limits, failover).
/// </summary>
[Collection(BackendsCollection.Name)]
public sealed class ShippedSettingsTests(Backends backends)
{
    [Theory]
    [InlineData("predictor")]
    [InlineData("predictor-grpc")]
    public async Task ThePredictorClustersSplitForACanaryBalanceByPowerOfTwoChoicesAndPanicWhenNoneIsHealthy(string clusterId)
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address).Started();
        var proxy = gateway.Services.GetRequiredService<IProxyStateLookup>();

        Assert.True(proxy.TryGetCluster(clusterId, out var cluster));
        var config = cluster.Model.Config;
        // Power of two choices within the stable or the canary destinations (Gateway:Canary:Percent, 0 when shipped).
        Assert.Equal("CanarySplit", config.LoadBalancingPolicy);
        Assert.Equal(0, gateway.Services.GetRequiredService<IOptions<CanaryOptions>>().Value.Share);
        Assert.Equal("ConsecutiveFailuresAndModelVersion", config.HealthCheck?.Active?.Policy);
        Assert.Equal("HealthyOrPanic", config.HealthCheck?.AvailableDestinationsPolicy);
        Assert.Equal(TimeSpan.FromSeconds(5), config.HealthCheck?.Active?.Interval);
        // Readiness: a predictor that is told to stop says so there at once, and is taken out of rotation.
        Assert.Equal("/health", config.HealthCheck?.Active?.Path);
        Assert.Equal(TimeSpan.FromSeconds(10), config.HealthCheck?.Passive?.ReactivationPeriod);
        // An answer that has begun is cut off when it stalls for 30 s.
        Assert.Equal(TimeSpan.FromSeconds(30), config.HttpRequest?.ActivityTimeout);
        Assert.Equal(512, config.HttpClient?.MaxConnectionsPerServer);
    }

    [Fact]
    public async Task EveryRouteTimesOutAfter10SecondsAndOnlyThePredictorRoutesAreRetried()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address).Started();
        var proxy = gateway.Services.GetRequiredService<IProxyStateLookup>();

        var routes = proxy.GetRoutes().ToDictionary(route => route.Config.RouteId, route => route.Config);
        Assert.Equal(["api", "grpc", "v2", "web"], routes.Keys.Order());
        Assert.All(routes.Values, route => Assert.Equal(TimeSpan.FromSeconds(10), route.Timeout));
        var retried = routes.Values.Where(route => route.Metadata?.GetValueOrDefault("RetryOnConnectionFailure") == "true").Select(route => route.RouteId);
        Assert.Equal(["api", "grpc", "v2"], retried.Order());
    }

    [Fact]
    public async Task RequestHeadersAreBoundedTo32KiB64HeadersAnd10Seconds()
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address).Started();

        var limits = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(32 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(64, limits.MaxRequestHeaderCount);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(1024 * 1024, limits.MaxRequestBodySize);
    }
}
