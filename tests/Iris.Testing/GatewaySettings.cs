namespace Iris.Testing;

public static class GatewaySettings
{
    /// <summary>
    /// The gateway's configuration that points its clusters at the given backends: the first predictor
    /// replaces the shipped destination, the others join it. The gRPC cluster goes to
    /// <paramref name="grpcPredictors"/>, or, without them, to an address where nothing listens.
    /// </summary>
    public static Dictionary<string, string?> Backends(IReadOnlyList<string> predictors, string web, IReadOnlyList<string>? grpcPredictors = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:web:Destinations:web:Address"] = web,
        };
        AddDestinations(settings, "predictor", predictors);
        AddDestinations(settings, "predictor-grpc", grpcPredictors ?? [LoopbackPort.Down()]);
        return settings;
    }

    /// <summary>
    /// Canary destinations for one of the predictor clusters (<c>predictor</c> or <c>predictor-grpc</c>),
    /// marked as the canary, and the share they get.
    /// </summary>
    public static Dictionary<string, string?> Canary(string cluster, IReadOnlyList<string> addresses, string percent)
    {
        var settings = new Dictionary<string, string?> { ["Gateway:Canary:Percent"] = percent };
        for (var i = 0; i < addresses.Count; i++)
        {
            settings[$"ReverseProxy:Clusters:{cluster}:Destinations:canary-{i}:Address"] = addresses[i];
            settings[$"ReverseProxy:Clusters:{cluster}:Destinations:canary-{i}:Metadata:Canary"] = "true";
        }
        return settings;
    }

    private static void AddDestinations(Dictionary<string, string?> settings, string cluster, IReadOnlyList<string> addresses)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            settings[$"ReverseProxy:Clusters:{cluster}:Destinations:{(i == 0 ? "predictor" : $"predictor-{i}")}:Address"] = addresses[i];
        }
    }
}
