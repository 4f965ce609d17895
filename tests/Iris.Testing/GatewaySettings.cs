namespace Iris.Testing;

public static class GatewaySettings
{
    /// <summary>
    /// The gateway's configuration that points its clusters at the given backends: the first predictor
    /// replaces the shipped destination, the others join it.
    /// </summary>
    public static Dictionary<string, string?> Backends(IReadOnlyList<string> predictors, string web)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:web:Destinations:web:Address"] = web,
        };
        for (var i = 0; i < predictors.Count; i++)
        {
            settings[$"ReverseProxy:Clusters:predictor:Destinations:{(i == 0 ? "predictor" : $"predictor-{i}")}:Address"] = predictors[i];
        }
        return settings;
    }
}
