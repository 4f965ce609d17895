namespace Iris.Faults.Tests.Infrastructure;

/// <summary>The real gateway as a process, its clusters pointed at the given backends, rate limit off.</summary>
public static class GatewayProcess
{
    public static Task<ServiceProcess> StartAsync(IReadOnlyList<string> predictors, string web, IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<string>? grpcPredictors = null, string? hostsFile = null, NetworkNamespace? network = null)
    {
        var environment = ServiceProcess.AsEnvironment(GatewaySettings.Backends(predictors, web, grpcPredictors));
        // The load is one client sending far more than a person would.
        environment["Gateway__RateLimit__TokensPerSecond"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }
        return ServiceProcess.StartAsync("Iris.Gateway", environment, hostsFile: hostsFile, network: network);
    }
}
