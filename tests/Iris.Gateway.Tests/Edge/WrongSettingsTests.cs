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
        var settings = GatewaySettings.Backends([backends.Predictor.Address], backends.Web.Address);
        settings[key] = value;

        // The real process, as a pod's log shows its refused start. In process, the test host can lose
        // the start's exception: the app disposes its host while the factory still waits on it.
        var (exitCode, output) = await ServiceProcess.RefusedStartAsync("Iris.Gateway", ServiceProcess.AsEnvironment(settings));

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(output.Split('\n'), line => line.StartsWith($"Unhandled exception. {typeof(OptionsValidationException).FullName}: ", StringComparison.Ordinal));
        Assert.Contains(message, refusal);
    }
}
