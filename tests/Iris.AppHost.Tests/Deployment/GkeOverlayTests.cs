using k8s;
using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>What the production overlay promises, checked on every object it renders.</summary>
public sealed class GkeOverlayTests
{
    /// <summary>Created at deploy time from the Redis password (docs/deploy-gke.md); never in the repository.</summary>
    private static readonly string[] DeployTimeSecrets = ["cache-secrets", "predictor-secrets", "web-secrets"];

    private static readonly string[] DotNetServices = ["predictor", "web", "gateway"];

    private static List<object> Objects => Manifests.Release;

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
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        // What Pod Security "restricted" refuses besides: the node's namespaces and volume types other than these.
        Assert.NotEqual(true, pod.HostNetwork);
        Assert.NotEqual(true, pod.HostPID);
        Assert.NotEqual(true, pod.HostIPC);
        Assert.All(pod.Volumes, v => Assert.True(v.EmptyDir is not null || v.ConfigMap is not null || v.Secret is not null || v.Projected is not null, v.Name));
        foreach (var container in pod.Containers)
        {
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.Null(container.SecurityContext.Capabilities.Add);
            Assert.NotEqual(true, container.SecurityContext.Privileged);
            Assert.NotEqual(0, container.SecurityContext.RunAsUser);
            Assert.All(container.Ports ?? [], p => Assert.Null(p.HostPort));
            var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void ContainersRequestWhatAutopilotNeedsAndAreLimitedInMemoryButNotInCpu(string name)
    {
        var pod = Deployment(name).Spec.Template.Spec;

        foreach (var container in pod.Containers)
        {
            Assert.Equal(["cpu", "ephemeral-storage", "memory"], container.Resources.Requests.Keys.Order());
            // A CPU limit would throttle .NET's start-up; Autopilot with Pod bursting lets it use idle CPU.
            Assert.Equal(["ephemeral-storage", "memory"], container.Resources.Limits.Keys.Order());
            Assert.Equal(container.Resources.Requests["memory"], container.Resources.Limits["memory"]);
            // Autopilot's CPU to memory ratio: between 1:1 and 1:6.5 (vCPU : GiB).
            var gibPerCpu = container.Resources.Requests["memory"].ToDouble() / (1 << 30) / container.Resources.Requests["cpu"].ToDouble();
            Assert.InRange(gibPerCpu, 1, 6.5);
        }
        Assert.All(pod.Volumes.Where(v => v.EmptyDir is not null), v => Assert.NotNull(v.EmptyDir.SizeLimit));
        // Ephemeral storage holds the emptyDirs and the container logs (GKE keeps up to 5 files of 10 MiB).
        var scratch = pod.Volumes.Where(v => v.EmptyDir is not null).Sum(v => v.EmptyDir.SizeLimit.ToDouble());
        var logs = pod.Containers.Count * 50.0 * (1 << 20);
        Assert.True(scratch + logs < pod.Containers.Sum(c => c.Resources.Limits["ephemeral-storage"].ToDouble()), $"{name}: the emptyDirs and logs can fill the ephemeral-storage limit");
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void ContainersHaveThreeProbesOnPortsTheyOpen(string name)
    {
        foreach (var container in Deployment(name).Spec.Template.Spec.Containers)
        {
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
    public void EveryImageIsPinnedToAVersion()
    {
        var images = Deployments.SelectMany(d => d.Spec.Template.Spec.Containers).Select(c => c.Image).ToList();

        Assert.Equal(5, images.Count);
        foreach (var image in images)
        {
            var tag = image.Contains('@') ? null : image[(image.LastIndexOf(':') + 1)..];
            Assert.True(image.Contains("@sha256:") || (image.LastIndexOf(':') > image.LastIndexOf('/') && tag != "latest"), $"{image} is not pinned");
            // A minor version such as redis:8.6 moves with every patch release; a pinned tag has three parts or names a release (v1).
            Assert.True(tag is null || tag.StartsWith('v') || tag.Split('.').Length == 3, $"{image} is a moving tag");
        }
    }

    [Fact]
    public void TheNamespaceEnforcesThePodSecurityRestrictedStandard()
    {
        var labels = Objects.OfType<V1Namespace>().Single().Metadata.Labels;

        Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/audit"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/warn"]);
    }

    [Fact]
    public void NoDeploymentThatAnAutoscalerManagesSetsItsReplicas()
    {
        var scaled = Objects.OfType<V2HorizontalPodAutoscaler>().Select(h => h.Spec.ScaleTargetRef.Name).ToList();

        Assert.Equal(["gateway", "predictor", "web"], scaled.Order());
        Assert.All(scaled, name => Assert.Null(Deployment(name).Spec.Replicas));
    }

    [Fact]
    public void ScaledDeploymentsSpreadTheirPodsOverNodesAndZones()
    {
        foreach (var name in Objects.OfType<V2HorizontalPodAutoscaler>().Select(h => h.Spec.ScaleTargetRef.Name))
        {
            var template = Deployment(name).Spec.Template;
            var constraints = template.Spec.TopologySpreadConstraints.ToDictionary(c => c.TopologyKey);

            // Two zones at least, whatever nodes exist when the pods are placed; nodes as a preference.
            Assert.Equal("DoNotSchedule", constraints["topology.kubernetes.io/zone"].WhenUnsatisfiable);
            Assert.True(constraints["topology.kubernetes.io/zone"].MinDomains >= 2);
            Assert.Contains("kubernetes.io/hostname", constraints.Keys);
            Assert.All(constraints.Values, c => Assert.True(Selects(c.LabelSelector.MatchLabels, template.Metadata.Labels)));
            Assert.All(constraints.Values, c => Assert.Equal(1, c.MaxSkew));
        }
    }

    [Fact]
    public void RedisPersistsNothingAndNoPasswordIsOnACommandLine()
    {
        var container = Deployment("cache").Spec.Template.Spec.Containers.Single();
        var script = string.Join(' ', container.Command.Concat(container.Args));

        Assert.Contains("--save ''", script);
        Assert.Contains("--appendonly no", script);
        Assert.Contains("--maxmemory ", script);
        Assert.DoesNotContain("--requirepass", script);
        // The password is a configuration line on redis-server's standard input, inside a here-document.
        Assert.Matches(@"redis-server - .*<<EOF\s+requirepass ""\$REDIS_PASSWORD""\s+EOF", script);
        var probe = string.Join(' ', container.ReadinessProbe.Exec.Command);
        Assert.Contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli", probe);
        Assert.DoesNotContain(" -a ", probe);
    }

    [Fact]
    public void TheSizesAreTheOnesTheReadmeStates()
    {
        // docs/deploy-gke.md, "What the overlay adds": the numbers are written here, not read from the overlay.
        var gateway = Objects.OfType<V1Service>().Single(s => s.Metadata.Name == "gateway");
        Assert.Equal(("LoadBalancer", "Local"), (gateway.Spec.Type, gateway.Spec.ExternalTrafficPolicy));
        Assert.All(Objects.OfType<V1Service>().Where(s => s.Metadata.Name != "gateway"), s => Assert.NotEqual("LoadBalancer", s.Spec.Type));
        foreach (var name in new[] { "predictor", "gateway", "web", "cache" })
        {
            var resources = Deployment(name).Spec.Template.Spec.Containers.Single().Resources;
            Assert.Equal(("250m", "256Mi", "256Mi"), (resources.Requests["cpu"].ToString(), resources.Requests["memory"].ToString(), resources.Requests["ephemeral-storage"].ToString()));
            Assert.Equal("256Mi", resources.Limits["memory"].ToString());
            Assert.False(resources.Limits.ContainsKey("cpu"), $"{name} has a CPU limit");
        }
        var autoscalers = Objects.OfType<V2HorizontalPodAutoscaler>().ToDictionary(h => h.Spec.ScaleTargetRef.Name);
        Assert.Equal((2, 6), (autoscalers["gateway"].Spec.MinReplicas, autoscalers["gateway"].Spec.MaxReplicas));
        Assert.Equal((2, 6), (autoscalers["web"].Spec.MinReplicas, autoscalers["web"].Spec.MaxReplicas));
        Assert.All(autoscalers.Values, autoscaler => Assert.Equal(70, autoscaler.Spec.Metrics.Single(m => m.Resource.Name == "cpu").Resource.Target.AverageUtilization));
    }

    [Fact]
    public void TheDotNetServicesScaleAndKeepAReplicaThroughDisruptions()
    {
        var autoscalers = Objects.OfType<V2HorizontalPodAutoscaler>().ToDictionary(h => h.Spec.ScaleTargetRef.Name);

        Assert.Equal((2, 10), (autoscalers["predictor"].Spec.MinReplicas, autoscalers["predictor"].Spec.MaxReplicas));
        Assert.True(autoscalers["gateway"].Spec.MinReplicas >= 2);
        Assert.All(autoscalers.Keys, target => Deployment(target));
        foreach (var budget in Objects.OfType<V1PodDisruptionBudget>())
        {
            Assert.Single(Deployments, d => Selects(budget.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels));
        }
        Assert.Equal(["gateway", "predictor", "web"], Objects.OfType<V1PodDisruptionBudget>().Select(b => b.Metadata.Name).Order());
        Assert.All(Objects.OfType<V1PodDisruptionBudget>(), budget => Assert.Equal("1", budget.Spec.MinAvailable.Value));
    }

    [Fact]
    public void NetworkPoliciesLetOnlyTheIntendedTrafficIn()
    {
        var policies = Policies;
        IEnumerable<string> AllowedInto(string app, int? port = null) => policies
            .Where(p => Selects(p.Spec.PodSelector.MatchLabels, Deployment(app).Spec.Template.Metadata.Labels))
            .SelectMany(p => p.Spec.Ingress ?? [])
            .Where(rule => port is null || rule.Ports.Any(p => p.Port.Value == port.ToString()))
            .SelectMany(rule => rule.FromProperty is null ? ["anywhere"] : rule.FromProperty.Select(Manifests.Peer))
            .Distinct();

        Assert.Contains(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.Ingress is null);
        Assert.Equal(["anywhere", Scraper], AllowedInto("gateway").Order());
        Assert.Equal(["gateway", Scraper], AllowedInto("web").Order());
        Assert.Equal(["gateway", Scraper, "web"], AllowedInto("predictor").Order());
        Assert.Equal(["anywhere"], AllowedInto("gateway", 8081));
        Assert.All(DotNetServices, app => Assert.Equal([Scraper], AllowedInto(app, MetricsPort)));
        Assert.Equal(["gateway"], AllowedInto("predictor", 8081));
        Assert.Equal(["gateway", "web"], AllowedInto("predictor", 8080).Order());
        Assert.Equal(["predictor", "web"], AllowedInto("cache").Order());
        Assert.DoesNotContain("anywhere", AllowedInto("aspire-dashboard"));
        foreach (var policy in policies.Where(p => p.Spec.PodSelector.MatchLabels is { Count: > 0 }))
        {
            Assert.Contains(Deployments, d => Selects(policy.Spec.PodSelector.MatchLabels, d.Spec.Template.Metadata.Labels));
        }
    }

    private static List<V1NetworkPolicy> Policies => Objects.OfType<V1NetworkPolicy>().ToList();

    /// <summary>Google Cloud Managed Service for Prometheus's collectors, the only peer from another namespace.</summary>
    private const string Scraper = "gmp-system/collector";

    private const int MetricsPort = 8082;

    [Fact]
    public void ManagedPrometheusScrapesEveryDotNetServiceOnAPortNoServiceExposes()
    {
        var monitoring = Assert.Single(Objects.OfType<PodMonitoring>());
        var selected = Assert.Single(monitoring.Spec.Selector.MatchExpressions);
        var endpoint = Assert.Single(monitoring.Spec.Endpoints);

        Assert.Equal(("app", "In"), (selected.Key, selected.OperatorProperty));
        Assert.Equal(DotNetServices.Order(), selected.Values.Order());
        Assert.Equal("/metrics", endpoint.Path);
        foreach (var app in DotNetServices)
        {
            var container = Deployment(app).Spec.Template.Spec.Containers.Single();
            Assert.Contains(container.Ports, p => p.Name == endpoint.Port.Value && p.ContainerPort == MetricsPort);
            var environment = EffectiveEnvironment(container);
            Assert.Equal(MetricsPort.ToString(), environment["Metrics__Port"]);
            // The exporter's listener matches the Host header: the pod's own address, as the scraper uses it.
            Assert.Equal("status.podIP", Assert.Single(container.Env, v => v.Name == "Metrics__Host").ValueFrom.FieldRef.FieldPath);
        }
        Assert.All(Objects.OfType<V1Service>(), service => Assert.DoesNotContain(service.Spec.Ports,
            p => p.Port == MetricsPort || p.TargetPort?.Value == MetricsPort.ToString() || p.TargetPort?.Value == endpoint.Port.Value));
    }

    /// <summary>Where an app's pods may connect, as "app:port" (DNS as "dns:53"), from every policy that selects them.</summary>
    private static IEnumerable<string> AllowedOutOf(string app) => Policies
        .Where(p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } || Selects(p.Spec.PodSelector.MatchLabels, Deployment(app).Spec.Template.Metadata.Labels))
        .SelectMany(p => p.Spec.Egress ?? [])
        .SelectMany(rule => rule.To.SelectMany(to => rule.Ports.Select(port =>
            to.PodSelector?.MatchLabels is { } target && to.NamespaceSelector is null ? $"{target["app"]}:{port.Port.Value}"
            : $"dns:{port.Port.Value}")))
        .Distinct()
        .Order();

    [Fact]
    public void NetworkPoliciesLetEachPodCallOnlyThePeersItNeedsAndDns()
    {
        var dns = new[] { "dns:53" };

        Assert.Contains(Policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.PolicyTypes.Contains("Egress") && p.Spec.Egress is null);
        Assert.Equal(["aspire-dashboard:18889", "dns:53", "predictor:8080", "predictor:8081", "web:8080"], AllowedOutOf("gateway"));
        Assert.Equal(["aspire-dashboard:18889", "cache:6379", "dns:53", "predictor:8080"], AllowedOutOf("web"));
        Assert.Equal(["aspire-dashboard:18889", "cache:6379", "dns:53"], AllowedOutOf("predictor"));
        Assert.Equal(dns, AllowedOutOf("cache"));
        Assert.Equal(dns, AllowedOutOf("aspire-dashboard"));
        // Every egress rule names its peers and ports: none allows the whole internet.
        Assert.All(Policies.SelectMany(p => p.Spec.Egress ?? []), rule =>
        {
            Assert.NotEmpty(rule.To);
            Assert.NotEmpty(rule.Ports);
            Assert.All(rule.To.Where(to => to.IpBlock is not null), to => Assert.EndsWith("/32", to.IpBlock.Cidr));
        });
    }

    [Fact]
    public void TheGatewayBalancesAcrossThePredictorsPods()
    {
        var headless = Objects.OfType<V1Service>().Single(s => s.Metadata.Name == "predictor-pods");
        var gatewayEnvironment = EffectiveEnvironment(Deployment("gateway").Spec.Template.Spec.Containers.Single());

        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.Equal("http://predictor-pods:8080", gatewayEnvironment["services__predictor__http__0"]);
        Assert.Equal("true", gatewayEnvironment["ReverseProxy__Clusters__predictor__Destinations__predictor__Metadata__ResolveEachAddress"]);
        Assert.Equal("http://predictor-pods:8081", gatewayEnvironment["services__predictor__grpc__0"]);
        Assert.Equal("true", gatewayEnvironment["ReverseProxy__Clusters__predictor-grpc__Destinations__predictor__Metadata__ResolveEachAddress"]);
        Assert.Equal([8080, 8081], headless.Spec.Ports.Select(p => p.Port).Order());
        Assert.Equal("false", gatewayEnvironment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
    }

    [Fact]
    public void TheGatewayReadsItsMountedSettingsAgainWithoutARestart()
    {
        var pod = Deployment("gateway").Spec.Template.Spec;
        var container = pod.Containers.Single();
        var settings = Objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "gateway-settings");

        // A name without a hash: changing the settings changes the files in the running pods, and rolls nothing.
        var volume = Assert.Single(pod.Volumes, v => v.ConfigMap?.Name == settings.Metadata.Name);
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == volume.Name);
        Assert.Equal(mount.MountPath, EffectiveEnvironment(container)["Gateway__SettingsDirectory"]);
        Assert.True(mount.ReadOnlyProperty);
        // The kubelet never updates a file mounted by subPath.
        Assert.Null(mount.SubPath);
        Assert.Equal(new Dictionary<string, string> { ["Gateway__Canary__Percent"] = "0" }, settings.Data);
    }

    [Theory]
    [MemberData(nameof(DotNetServicesData))]
    public void TheOverlaysOwnSettingsRollThePodsWhenTheyChange(string name)
    {
        var references = Deployment(name).Spec.Template.Spec.Containers.Single().EnvFrom
            .Select(from => from.ConfigMapRef?.Name).OfType<string>().Where(c => c.Contains("-production-env", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            // The name carries a hash of the content, and the Deployment refers to exactly that name.
            Assert.Matches("^[a-z]+-production-env-[a-z0-9]{10}$", reference);
            Assert.Single(Objects.OfType<V1ConfigMap>(), c => c.Metadata.Name == reference);
        }
    }

    [Theory]
    [MemberData(nameof(DotNetServicesData))]
    public void ProductionSamplesATenthOfTracesThroughTheSdksStandardSettings(string name)
    {
        var environment = EffectiveEnvironment(Deployment(name).Spec.Template.Spec.Containers.Single());

        Assert.Equal("parentbased_traceidratio", environment["OTEL_TRACES_SAMPLER"]);
        Assert.Equal("0.1", environment["OTEL_TRACES_SAMPLER_ARG"]);
    }

    [Fact]
    public void NoConfigMapHoldsAPasswordAndThePodsThatNeedItReadItFromTheirSecret()
    {
        Assert.All(Objects.OfType<V1ConfigMap>().SelectMany(c => c.Data), pair =>
        {
            Assert.DoesNotContain("PASSWORD", pair.Key, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("password=", pair.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConnectionStrings__", pair.Key, StringComparison.Ordinal);
        });
        Assert.Contains(Deployment("cache").Spec.Template.Spec.Containers.Single().EnvFrom, from => from.SecretRef?.Name == "cache-secrets");
        Assert.Contains(Deployment("predictor").Spec.Template.Spec.Containers.Single().EnvFrom, from => from.SecretRef?.Name == "predictor-secrets");
        Assert.Contains(Deployment("web").Spec.Template.Spec.Containers.Single().EnvFrom, from => from.SecretRef?.Name == "web-secrets");
    }

    /// <summary>.NET's default HostOptions.ShutdownTimeout: what a stopping service has for Shutdown:Delay and its requests in flight.</summary>
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void PodsStopGracefullyWithTheDelaysTheReadmeStates()
    {
        // docs/stopping-pods.md: the numbers are written here, not read from the overlay.
        var gateway = Deployment("gateway").Spec.Template.Spec;
        Assert.Equal(30, gateway.Containers.Single().Lifecycle.PreStop.Sleep.Seconds);
        Assert.Null(gateway.Containers.Single().Lifecycle.PreStop.Exec);
        Assert.Equal(TimeSpan.Zero, ShutdownDelay("gateway"));
        Assert.Equal(TimeSpan.FromSeconds(15), ShutdownDelay("predictor"));
        Assert.Equal(TimeSpan.FromSeconds(5), ShutdownDelay("web"));
        foreach (var name in DotNetServices)
        {
            var pod = Deployment(name).Spec.Template.Spec;
            var preStop = pod.Containers.Single().Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;
            Assert.True(ShutdownDelay(name) < HostShutdownTimeout, $"{name}: its delay leaves no time to finish the requests in flight");
            // The kubelet's grace period covers the hook, the delay and the drain, or it kills what is still running.
            Assert.True(pod.TerminationGracePeriodSeconds >= preStop + HostShutdownTimeout.TotalSeconds,
                $"{name}: grace period {pod.TerminationGracePeriodSeconds} s for a {preStop} s preStop and a {HostShutdownTimeout.TotalSeconds} s shutdown");
        }
    }

    [Theory]
    [MemberData(nameof(DotNetServicesData))]
    public void EachServiceListensByOneSettingSoItsStartWarnsOfNoOverride(string name)
    {
        var environment = EffectiveEnvironment(Deployment(name).Spec.Template.Spec.Containers.Single());

        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"), $"{name}: ASPNETCORE_URLS beside its own listening setting");
        if (name is "predictor" or "gateway")
        {
            // Kestrel:Endpoints in its appsettings; the .NET image's ASPNETCORE_HTTP_PORTS=8080 is emptied.
            Assert.Equal("", environment["ASPNETCORE_HTTP_PORTS"]);
        }
    }

    private static TimeSpan ShutdownDelay(string name) =>
        EffectiveEnvironment(Deployment(name).Spec.Template.Spec.Containers.Single()).TryGetValue("Shutdown__Delay", out var delay)
            ? TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture)
            : TimeSpan.Zero;

    private static Dictionary<string, string> EffectiveEnvironment(V1Container container) => Manifests.EffectiveEnvironment(Objects, container);
}
