using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Iris.Gateway.Canary;

/// <summary>
/// YARP's load balancing for the predictor clusters: each request goes to the canary destinations
/// (metadata <c>Canary: true</c>) with the probability <c>Gateway:Canary:Percent</c> says, otherwise
/// to the stable ones, and YARP's power of two choices picks the destination within that group. Only
/// available destinations count, so when one group has none (no healthy canary pod, say) the other
/// takes its share. The share follows a configuration reload at once; a reload with a share outside
/// 0–100 is refused with an error in the log, and the previous share stays. A request that names a model
/// version (<see cref="RequestedVersion"/>) goes to the destinations that serve it (<see cref="ServedVersions"/>),
/// shared between them the same way when both groups do; when none does, it is shared like any other, and
/// the predictor answers the protocol's 404.
/// </summary>
public sealed class CanarySplit : ILoadBalancingPolicy
{
    public const string PolicyName = "CanarySplit";
    public const string MetadataKey = "Canary";

    private static readonly ConditionalWeakTable<IReadOnlyList<DestinationState>, Groups>.CreateValueCallback Split = Groups.Of;

    private readonly IServiceProvider _services;
    private readonly ServedVersions _versions;
    private readonly ConditionalWeakTable<IReadOnlyList<DestinationState>, Groups> _groups = new();
    private ILoadBalancingPolicy? _withinGroup;
    private double _percent;

    public CanarySplit(IOptionsMonitor<CanaryOptions> options, ServedVersions versions, IServiceProvider services, ILogger<CanarySplit> logger)
    {
        _services = services;
        _versions = versions;
        var initial = options.CurrentValue;
        _percent = initial.Share ?? throw new OptionsValidationException(CanaryOptions.SectionName, typeof(CanaryOptions), [initial.Problem]);
        options.OnChange(changed =>
        {
            if (changed.Share is not { } share)
            {
                logger.LogError("{Problem} The canary keeps {Percent}% of the traffic.", changed.Problem, Volatile.Read(ref _percent));
                return;
            }
            if (share != Volatile.Read(ref _percent))
            {
                Volatile.Write(ref _percent, share);
                logger.LogInformation("The canary now gets {Percent}% of the traffic.", share);
            }
        });
    }

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        var candidates = context.Features.Get<RequestedVersion>() is { } requested && _versions.Serving(requested.Version, availableDestinations) is { Length: > 0 } serving
            // A new list for each request: split it here rather than remember it.
            ? Shared(serving, Groups.Of(serving))
            : Shared(availableDestinations, _groups.GetValue(availableDestinations, Split));
        // Resolved on first use: YARP's policies include this one, so the constructor cannot ask for them.
        _withinGroup ??= _services.GetServices<ILoadBalancingPolicy>().Single(policy => policy.Name == LoadBalancingPolicies.PowerOfTwoChoices);
        return _withinGroup.PickDestination(context, cluster, candidates);
    }

    /// <summary>The canary or the stable group by the share, or all of them when one group is empty.</summary>
    private IReadOnlyList<DestinationState> Shared(IReadOnlyList<DestinationState> destinations, Groups groups) =>
        groups.Canary.Length == 0 || groups.Stable.Length == 0
            ? destinations
            : Random.Shared.NextDouble() * 100 < Volatile.Read(ref _percent) ? groups.Canary : groups.Stable;

    /// <summary>A list of available destinations split once: YARP keeps the same list until health or configuration changes.</summary>
    private sealed record Groups(DestinationState[] Stable, DestinationState[] Canary)
    {
        public static Groups Of(IReadOnlyList<DestinationState> destinations) => new(
            [.. destinations.Where(destination => !IsCanary(destination))],
            [.. destinations.Where(IsCanary)]);

        private static bool IsCanary(DestinationState destination) =>
            destination.Model.Config.Metadata?.GetValueOrDefault(MetadataKey) == "true";
    }
}

public static class CanarySplitExtensions
{
    public static IReverseProxyBuilder AddCanarySplit(this IReverseProxyBuilder proxy)
    {
        proxy.Services.AddOptions<CanaryOptions>().BindConfiguration(CanaryOptions.SectionName);
        proxy.Services.AddSingleton<ILoadBalancingPolicy, CanarySplit>();
        proxy.Services.AddSingleton<ServedVersions>();
        proxy.Services.AddSingleton<IActiveHealthCheckPolicy>(services => services.GetRequiredService<ServedVersions>());
        return proxy;
    }
}
