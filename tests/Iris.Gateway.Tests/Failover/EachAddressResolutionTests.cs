using System.Net;
using Iris.Gateway.Failover;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Iris.Gateway.Tests.Failover;

public sealed class EachAddressResolutionTests
{
    /// <summary>What service discovery hands on when it knows nothing about a name: the destinations as configured.</summary>
    private sealed class AsConfigured : IDestinationResolver
    {
        public ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
            IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ResolvedDestinationCollection(destinations, null));
    }

    private static readonly EachAddressResolution Resolution = new(new AsConfigured(), NullLogger<EachAddressResolution>.Instance);

    private static DestinationConfig Destination(string address, bool eachAddress) => new()
    {
        Address = address,
        Metadata = eachAddress ? new Dictionary<string, string> { [EachAddressResolution.MetadataKey] = "true" } : null,
    };

    [Fact]
    public async Task AFlaggedNameBecomesOneDestinationPerAddressOnTheSamePort()
    {
        var addresses = (await Dns.GetHostAddressesAsync("localhost")).Distinct().ToList();

        var resolved = await Resolution.ResolveDestinationsAsync(
            new Dictionary<string, DestinationConfig> { ["predictor"] = Destination("http://localhost:8080", eachAddress: true) }, default);

        Assert.Equal(addresses.Count, resolved.Destinations.Count);
        Assert.All(resolved.Destinations.Values, destination =>
        {
            var uri = new Uri(destination.Address);
            Assert.Equal(8080, uri.Port);
            Assert.Contains(IPAddress.Parse(uri.Host.Trim('[', ']')), addresses);
        });
        Assert.NotNull(resolved.ChangeToken);
    }

    [Fact]
    public async Task UnflaggedDestinationsAndAddressesAreLeftAlone()
    {
        var destinations = new Dictionary<string, DestinationConfig>
        {
            ["web"] = Destination("http://localhost:8081", eachAddress: false),
            ["pinned"] = Destination("http://127.0.0.1:8082", eachAddress: true),
        };

        var resolved = await Resolution.ResolveDestinationsAsync(destinations, default);

        Assert.Equal(["http://localhost:8081", "http://127.0.0.1:8082"], resolved.Destinations.Values.Select(d => d.Address.TrimEnd('/')));
    }
}
