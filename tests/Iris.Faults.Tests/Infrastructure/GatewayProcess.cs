namespace Iris.Faults.Tests.Infrastructure;

/// <summary>The real gateway as a process, its clusters pointed at the given backends, rate limit off.</summary>
public static class GatewayProcess
{
    public static Task<ServiceProcess> StartAsync(IReadOnlyList<string> predictors, string web, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            // The load is one client sending far more than a person would.
            ["Gateway__RateLimit__TokensPerSecond"] = "0",
            ["ReverseProxy__Clusters__web__Destinations__web__Address"] = web,
        };
        for (var i = 0; i < predictors.Count; i++)
        {
            environment[$"ReverseProxy__Clusters__predictor__Destinations__{(i == 0 ? "predictor" : $"predictor-{i}")}__Address"] = predictors[i];
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }
        return ServiceProcess.StartAsync("Iris.Gateway", environment);
    }
}
