using Iris.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Iris.Gateway.Tests.Edge;

/// <summary>A wrong setting stops the gateway's start with a message that names it, instead of misbehaving later.</summary>
[Collection(BackendsCollection.Name)]
public sealed class WrongSettingsTests(Backends backends)
{
    [Theory]
    [InlineData("Gateway:TrustedProxies:0", "10.0.0.0/33", "Gateway:TrustedProxies: '10.0.0.0/33' is not a network in CIDR notation")]
    [InlineData("Gateway:TrustedProxies:0", "load-balancer", "Gateway:TrustedProxies: 'load-balancer' is not a network in CIDR notation")]
    [InlineData("Gateway:RateLimit:TokensPerSecond", "-1", "Gateway:RateLimit:TokensPerSecond must be between 0 and 1000000.")]
    [InlineData("Gateway:RateLimit:Burst", "-200", "Gateway:RateLimit:Burst must be between 0 and 1000000.")]
    public async Task AWrongSettingStopsTheStartWithItsName(string key, string value, string message)
    {
        await using var gateway = new GatewayFactory(backends.Predictor.Address, backends.Web.Address, new Dictionary<string, string?> { [key] = value });

        var refused = Record.Exception(() => gateway.Started());

        var validation = Assert.IsType<OptionsValidationException>(Unwrapped(refused));
        Assert.Contains(message, validation.Message);
    }

    private static Exception? Unwrapped(Exception? exception) =>
        exception is AggregateException { InnerExceptions: [var single] } ? Unwrapped(single) : exception;
}
