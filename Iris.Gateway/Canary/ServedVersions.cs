using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Iris.Gateway.Canary;

/// <summary>
/// Which model version each predictor destination serves, read from the <c>Model-Version</c> header of
/// the answers to YARP's active health probes, so that a request that names a version goes to a pod that
/// serves it. As a health policy it is YARP's <c>ConsecutiveFailures</c>: every probe result is passed on.
/// A version changes with the pod's model (a reload, a new image) at the next probe.
/// </summary>
public sealed class ServedVersions(IServiceProvider services) : IActiveHealthCheckPolicy
{
    public const string PolicyName = "ConsecutiveFailuresAndModelVersion";
    public const string HeaderName = "Model-Version";

    private readonly ConditionalWeakTable<DestinationState, string> _versions = new();
    private IActiveHealthCheckPolicy? _health;

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        foreach (var result in probingResults)
        {
            if (result.Response is not { } response)
            {
                // No answer: the pod's health says what matters; its version is kept for when it answers again.
                continue;
            }
            if (response.Headers.TryGetValues(HeaderName, out var values) && values.FirstOrDefault() is { Length: > 0 } version)
            {
                _versions.AddOrUpdate(result.Destination, version);
            }
            else
            {
                _versions.Remove(result.Destination);
            }
        }
        // Resolved on first use: YARP's policies include this one, so the constructor cannot ask for them.
        _health ??= services.GetServices<IActiveHealthCheckPolicy>().Single(policy => policy.Name == HealthCheckConstants.ActivePolicy.ConsecutiveFailures);
        _health.ProbingCompleted(cluster, probingResults);
    }

    public string? VersionOf(DestinationState destination) => _versions.TryGetValue(destination, out var version) ? version : null;

    /// <summary>The destinations among <paramref name="destinations"/> whose last probe named <paramref name="version"/>.</summary>
    public DestinationState[] Serving(string version, IReadOnlyList<DestinationState> destinations) =>
        [.. destinations.Where(destination => VersionOf(destination) == version)];
}
