using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Iris.Gateway.Failover;

/// <summary>
/// Turns one destination whose host name has many addresses into one destination per address, so
/// that YARP balances, health-checks and fails over across them itself. Meant for a Kubernetes
/// headless Service, whose DNS name resolves to every ready pod; a ClusterIP Service is one virtual
/// address that kube-proxy balances per connection, invisible to the gateway. Applies to destinations
/// whose metadata says <c>ResolveEachAddress: true</c>, after service discovery has resolved them,
/// and is refreshed every <see cref="RefreshInterval"/> as pods come and go.
/// </summary>
public sealed class EachAddressResolution(IDestinationResolver inner, ILogger<EachAddressResolution> logger) : IDestinationResolver
{
    public const string MetadataKey = "ResolveEachAddress";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = await inner.ResolveDestinationsAsync(destinations, cancellationToken);
        var flagged = destinations.Where(pair => pair.Value.Metadata?.GetValueOrDefault(MetadataKey) == "true").Select(pair => pair.Key).ToList();
        if (flagged.Count == 0)
        {
            return resolved;
        }

        var expanded = new Dictionary<string, DestinationConfig>();
        foreach (var (id, destination) in resolved.Destinations)
        {
            if (!flagged.Any(original => id.StartsWith(original, StringComparison.Ordinal)))
            {
                expanded[id] = destination;
                continue;
            }
            foreach (var (addressId, perAddress) in await ExpandAsync(id, destination, cancellationToken))
            {
                expanded[addressId] = perAddress;
            }
        }

        var refresh = new CancellationTokenSource(RefreshInterval);
        IChangeToken changeToken = resolved.ChangeToken is { } innerToken
            ? new CompositeChangeToken([innerToken, new CancellationChangeToken(refresh.Token)])
            : new CancellationChangeToken(refresh.Token);
        return new ResolvedDestinationCollection(expanded, changeToken);
    }

    private async Task<IEnumerable<KeyValuePair<string, DestinationConfig>>> ExpandAsync(
        string id, DestinationConfig destination, CancellationToken cancellationToken)
    {
        var uri = new Uri(destination.Address);
        if (uri.HostNameType != UriHostNameType.Dns)
        {
            return [new(id, destination)];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            if (addresses.Length == 0)
            {
                return [new(id, destination)];
            }
            return addresses.Distinct().Select(address =>
            {
                var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
                var perAddress = new UriBuilder(uri) { Host = host }.Uri.ToString();
                return new KeyValuePair<string, DestinationConfig>($"{id}@{address}", destination with { Address = perAddress });
            }).ToList();
        }
        catch (SocketException ex)
        {
            // Keep the name: the connection will resolve it (or fail) as it would without this step.
            logger.LogWarning("Could not resolve {Host} into its addresses: {Reason}", uri.DnsSafeHost, ex.Message);
            return [new(id, destination)];
        }
    }
}

public static class EachAddressResolutionExtensions
{
    /// <summary>Wraps the destination resolver registered so far (service discovery) with <see cref="EachAddressResolution"/>.</summary>
    public static IReverseProxyBuilder AddEachAddressResolution(this IReverseProxyBuilder proxy)
    {
        var services = proxy.Services;
        var innerDescriptor = services.Last(descriptor => descriptor.ServiceType == typeof(IDestinationResolver));
        services.Remove(innerDescriptor);
        services.AddSingleton<IDestinationResolver>(provider => new EachAddressResolution(
            (IDestinationResolver)(innerDescriptor.ImplementationInstance
                ?? innerDescriptor.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, innerDescriptor.ImplementationType!)),
            provider.GetRequiredService<ILogger<EachAddressResolution>>()));
        return proxy;
    }
}
