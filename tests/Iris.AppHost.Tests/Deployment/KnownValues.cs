using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>
/// What the strict YAML load does not check: the values of the fields the API enumerates. The typed
/// client takes any string for a Service's <c>type</c>; the API server would refuse one outside the
/// values below (the Kubernetes API reference for these fields, unchanged across current versions). Each
/// problem is named "kind/name: field = value".
/// </summary>
public static class KnownValues
{
    private static readonly string[] ServiceTypes = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
    private static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DeploymentStrategies = ["RollingUpdate", "Recreate"];
    private static readonly string[] UnsatisfiableActions = ["DoNotSchedule", "ScheduleAnyway"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    public static List<string> Problems(IEnumerable<object> objects)
    {
        var problems = new List<string>();
        void Check(string where, string field, string? value, string[] allowed)
        {
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                problems.Add($"{where}: {field} = {value}");
            }
        }

        foreach (var service in objects.OfType<V1Service>())
        {
            var where = $"Service/{service.Metadata.Name}";
            Check(where, "spec.type", service.Spec.Type, ServiceTypes);
            Check(where, "spec.externalTrafficPolicy", service.Spec.ExternalTrafficPolicy, TrafficPolicies);
            Check(where, "spec.internalTrafficPolicy", service.Spec.InternalTrafficPolicy, TrafficPolicies);
            foreach (var port in service.Spec.Ports ?? [])
            {
                Check(where, "spec.ports[].protocol", port.Protocol, Protocols);
            }
        }
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var where = $"Deployment/{deployment.Metadata.Name}";
            var pod = deployment.Spec.Template.Spec;
            Check(where, "spec.strategy.type", deployment.Spec.Strategy?.Type, DeploymentStrategies);
            Check(where, "spec.template.spec.restartPolicy", pod.RestartPolicy, RestartPolicies);
            foreach (var spread in pod.TopologySpreadConstraints ?? [])
            {
                Check(where, "topologySpreadConstraints[].whenUnsatisfiable", spread.WhenUnsatisfiable, UnsatisfiableActions);
            }
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                Check(where, "containers[].imagePullPolicy", container.ImagePullPolicy, PullPolicies);
                foreach (var port in container.Ports ?? [])
                {
                    Check(where, "containers[].ports[].protocol", port.Protocol, Protocols);
                }
            }
        }
        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            foreach (var type in policy.Spec.PolicyTypes ?? [])
            {
                Check($"NetworkPolicy/{policy.Metadata.Name}", "spec.policyTypes[]", type, PolicyTypes);
            }
        }
        return problems;
    }
}
