using k8s;
using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>What the production overlay promises, checked on every object it renders.</summary>
public sealed class GkeOverlayTests
{
    /// <summary>Created at deploy time from the Redis password (README, Deploy to GKE); never in the repository.</summary>
    private static readonly string[] DeployTimeSecrets = ["cache-secrets", "predictor-secrets"];

    private static readonly string[] DotNetServices = ["predictor", "web", "gateway"];

    private static readonly List<object> Objects = Manifests.RenderAndLoad(Manifests.GkeOverlay);

    private static IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    public static TheoryData<string> Workloads => ["cache", "predictor", "web", "gateway", "aspire-dashboard"];

    private static V1Deployment Deployment(string name) => Deployments.Single(d => d.Metadata.Name == name);

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    [Fact]
    public void EverythingLivesInTheIrisNamespace()
    {
        var namespaced = Objects.OfType<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace);

        Assert.All(namespaced, o => Assert.Equal("iris", o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void OnlyTheGatewayIsPublicOnPort80ToItsPort8080AndOn8081ForGrpc()
    {
        var services = Objects.OfType<V1Service>().ToList();

        var gateway = services.Single(s => s.Metadata.Name == "gateway");
        Assert.Equal("LoadBalancer", gateway.Spec.Type);
        Assert.Equal([("grpc", 8081, "8081"), ("http", 80, "8080")], gateway.Spec.Ports.Select(p => (p.Name, p.Port, p.TargetPort.Value)).OrderBy(p => p.Name));
        Assert.All(services.Where(s => s.Metadata.Name != "gateway"), s => Assert.Equal("ClusterIP", s.Spec.Type ?? "ClusterIP"));
    }

    [Fact]
    public void EveryServiceSelectsPodsThatHaveItsTargetPort()
    {
        foreach (var service in Objects.OfType<V1Service>())
        {
            var pods = Deployments.Where(d => Selects(service.Spec.Selector, d.Spec.Template.Metadata.Labels)).ToList();
            Assert.True(pods.Count > 0, $"Service {service.Metadata.Name} selects no pods");
            foreach (var port in service.Spec.Ports)
            {
                Assert.All(pods, pod => Assert.Contains(pod.Spec.Template.Spec.Containers.SelectMany(c => c.Ports),
                    p => p.ContainerPort.ToString() == port.TargetPort.Value || p.Name == port.TargetPort.Value));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void WorkloadsRollWithoutLosingAReplicaAndSelectTheirOwnPods(string name)
    {
        var deployment = Deployment(name);

        Assert.True(Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels));
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void PodsRunLockedDown(string name)
    {
        var pod = Deployment(name).Spec.Template.Spec;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        foreach (var container in pod.Containers)
        {
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void ContainersHaveRequestsLimitsAndThreeProbesOnPortsTheyOpen(string name)
    {
        foreach (var container in Deployment(name).Spec.Template.Spec.Containers)
        {
            Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"));
            Assert.True(container.Resources.Limits.ContainsKey("memory"));
            var probes = new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe };
            Assert.All(probes, Assert.NotNull);
            foreach (var port in probes.Select(p => p.HttpGet?.Port ?? p.TcpSocket?.Port).OfType<IntOrString>())
            {
                Assert.Contains(container.Ports, p => p.Name == port.Value || p.ContainerPort.ToString() == port.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DotNetServicesData))]
    public void DotNetServicesAreProbedOnTheirHealthEndpoints(string name)
    {
        var container = Deployment(name).Spec.Template.Spec.Containers.Single();

        Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
        Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
        if (name == "predictor")
        {
            // Readiness through the standard gRPC health service, for the service whose answer runs every check.
            Assert.Null(container.ReadinessProbe.HttpGet);
            Assert.Contains(container.Ports, p => p.Name == "grpc" && p.ContainerPort == container.ReadinessProbe.Grpc.Port);
            Assert.Equal("inference.GRPCInferenceService", container.ReadinessProbe.Grpc.Service);
        }
        else
        {
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        }
    }

    public static TheoryData<string> DotNetServicesData => [.. DotNetServices];

    [Fact]
    public void EveryReferencedConfigMapExistsAndSecretsAreTheDocumentedOnes()
    {
        var configMaps = Objects.OfType<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet();

        foreach (var container in Deployments.SelectMany(d => d.Spec.Template.Spec.Containers))
        {
            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { } configMap)
                {
                    Assert.Contains(configMap.Name, configMaps);
                }
                if (source.SecretRef is { } secret)
                {
                    Assert.Contains(secret.Name, DeployTimeSecrets);
                }
            }
        }
        Assert.Empty(Objects.OfType<V1Secret>());
    }

    [Fact]
    public void ThePredictorAndGatewayScaleAndKeepAReplicaThroughDisruptions()
    {
        var autoscalers = Objects.OfType<V2HorizontalPodAutoscaler>().ToDictionary(h => h.Spec.ScaleTargetRef.Name);

        Assert.Equal((2, 10), (autoscalers["predictor"].Spec.MinReplicas, autoscalers["predictor"].Spec.MaxReplicas));
        Assert.True(autoscalers["gateway"].Spec.MinReplicas >= 2);
        Assert.All(autoscalers.Keys, target => Deployment(target));
        foreach (var budget in Objects.OfType<V1PodDisruptionBudget>())
        {
            Assert.Single(Deployments, d => Selects(budget.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels));
        }
        Assert.Equal(["gateway", "predictor"], Objects.OfType<V1PodDisruptionBudget>().Select(b => b.Metadata.Name).Order());
    }

    [Fact]
    public void NetworkPoliciesLetOnlyTheIntendedTrafficIn()
    {
        var policies = Objects.OfType<V1NetworkPolicy>().ToList();
        IEnumerable<string> AllowedInto(string app, int? port = null) => policies
            .Where(p => Selects(p.Spec.PodSelector.MatchLabels, Deployment(app).Spec.Template.Metadata.Labels))
            .SelectMany(p => p.Spec.Ingress ?? [])
            .Where(rule => port is null || rule.Ports.Any(p => p.Port.Value == port.ToString()))
            .SelectMany(rule => rule.FromProperty is null ? ["anywhere"] : rule.FromProperty.Select(from => from.PodSelector.MatchLabels["app"]))
            .Distinct();

        Assert.Contains(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.Ingress is null);
        Assert.Equal(["anywhere"], AllowedInto("gateway"));
        Assert.Equal(["gateway"], AllowedInto("web"));
        Assert.Equal(["gateway", "web"], AllowedInto("predictor").Order());
        Assert.Equal(["anywhere"], AllowedInto("gateway", 8081));
        Assert.Equal(["gateway"], AllowedInto("predictor", 8081));
        Assert.Equal(["gateway", "web"], AllowedInto("predictor", 8080).Order());
        Assert.Equal(["predictor"], AllowedInto("cache"));
        Assert.DoesNotContain("anywhere", AllowedInto("aspire-dashboard"));
        foreach (var policy in policies.Where(p => p.Spec.PodSelector.MatchLabels is { Count: > 0 }))
        {
            Assert.Contains(Deployments, d => Selects(policy.Spec.PodSelector.MatchLabels, d.Spec.Template.Metadata.Labels));
        }
    }

    [Fact]
    public void TheGatewayBalancesAcrossThePredictorsPods()
    {
        var headless = Objects.OfType<V1Service>().Single(s => s.Metadata.Name == "predictor-pods");
        var gatewayEnvironment = Objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "gateway-env").Data;

        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.Equal("http://predictor-pods:8080", gatewayEnvironment["services__predictor__http__0"]);
        Assert.Equal("true", gatewayEnvironment["ReverseProxy__Clusters__predictor__Destinations__predictor__Metadata__ResolveEachAddress"]);
        Assert.Equal("http://predictor-pods:8081", gatewayEnvironment["services__predictor__grpc__0"]);
        Assert.Equal("true", gatewayEnvironment["ReverseProxy__Clusters__predictor-grpc__Destinations__predictor__Metadata__ResolveEachAddress"]);
        Assert.Equal([8080, 8081], headless.Spec.Ports.Select(p => p.Port).Order());
        Assert.Equal("false", gatewayEnvironment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
    }
}
