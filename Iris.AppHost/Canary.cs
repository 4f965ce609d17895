using Iris.AppHost.Cache;
using Microsoft.Extensions.Configuration;

namespace Iris.AppHost;

/// <summary>
/// A candidate model served beside the stable one, with a share of the traffic (docs/canary.md):
/// <c>--Canary:Model=path/to/iris.zip</c> (its <c>model.json</c> beside it, as the predictor's
/// <c>train</c> command writes them) and <c>--Canary:Percent</c>, 10 unless given. Locally only; a
/// deployment gets its canary from the overlay.
/// </summary>
public static class Canary
{
    public const string ResourceName = "predictor-canary";
    public const int DefaultPercent = 10;

    /// <summary>A predictor serving the candidate model, or nothing without <c>Canary:Model</c>.</summary>
    public static IResourceBuilder<ProjectResource>? AddCanaryPredictor(
        this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString>? cache)
    {
        if (!builder.ExecutionContext.IsRunMode || builder.Configuration["Canary:Model"] is not { Length: > 0 } model)
        {
            return null;
        }
        var path = Path.GetFullPath(model);
        if (!File.Exists(path))
        {
            throw new DistributedApplicationException($"Canary:Model: there is no model file at {path}.");
        }
        return builder.AddProject<Projects.Iris_Predictor>(ResourceName)
            .WithPortsChosenLocally()
            .WithHttpHealthCheck("/health")
            .WithCache(cache)
            .WithEnvironment("Model__Path", path);
    }

    /// <summary>
    /// The canary as a destination of the gateway's predictor clusters, marked as the canary, and its
    /// share as <c>Gateway:Canary:Percent</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCanary(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource>? canary, IConfiguration configuration)
    {
        if (canary is null)
        {
            return gateway;
        }
        gateway.WithReference(canary).WaitFor(canary)
            .WithEnvironment("Gateway__Canary__Percent", configuration["Canary:Percent"] ?? DefaultPercent.ToString());
        foreach (var (cluster, address) in new[] { ("predictor", $"http://{ResourceName}"), ("predictor-grpc", $"http://_grpc.{ResourceName}") })
        {
            gateway.WithEnvironment($"ReverseProxy__Clusters__{cluster}__Destinations__canary__Address", address)
                .WithEnvironment($"ReverseProxy__Clusters__{cluster}__Destinations__canary__Metadata__Canary", "true");
        }
        return gateway;
    }
}
