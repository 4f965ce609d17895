using k8s;
using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>
/// The canary component (deploy/gke/canary), turned on in a copy of the release as docs/canary.md does
/// it with <c>kustomize edit</c>: rendered by kubectl, loaded strictly, and held to the overlay's promises.
/// </summary>
public sealed class GkeCanaryTests(ReleaseWithCanary rendered) : IClassFixture<ReleaseWithCanary>
{
    private const string Registry = ReleaseWithCanary.Registry;

    private readonly List<object> _release = Manifests.Release;
    private readonly List<object> _withCanary = rendered.Objects;

    [Fact]
    public void TheCanaryRunsItsOwnImageAndTheStablePredictorKeepsTheRelease()
    {
        Assert.Equal($"{Registry}/predictor:v2", Container(_withCanary, "predictor-canary").Image);
        Assert.Equal($"{Registry}/predictor:v1", Container(_withCanary, "predictor").Image);
    }

    [Fact]
    public void TheCanaryPodIsTheStablePodWithItsOwnLabelImageAndServiceName()
    {
        var stable = Deployment(_withCanary, "predictor");
        var canary = Deployment(_withCanary, "predictor-canary");

        Assert.Equal(new Dictionary<string, string> { ["app"] = "predictor-canary" }, canary.Spec.Selector.MatchLabels);
        Assert.Equal(canary.Spec.Selector.MatchLabels, canary.Spec.Template.Metadata.Labels);
        Assert.Null(canary.Spec.Replicas);
        Assert.Equal(Comparable(stable), Comparable(canary));

        // Its settings are the stable predictor's, but for the name its traces carry.
        var stableEnvironment = Manifests.EffectiveEnvironment(_withCanary, stable.Spec.Template.Spec.Containers.Single());
        var canaryEnvironment = Manifests.EffectiveEnvironment(_withCanary, canary.Spec.Template.Spec.Containers.Single());
        Assert.Equal("predictor-canary", canaryEnvironment["OTEL_SERVICE_NAME"]);
        canaryEnvironment["OTEL_SERVICE_NAME"] = stableEnvironment["OTEL_SERVICE_NAME"];
        Assert.Equal(stableEnvironment.OrderBy(pair => pair.Key), canaryEnvironment.OrderBy(pair => pair.Key));
        Assert.Equal(Secrets(stable), Secrets(canary));
    }

    [Fact]
    public void TheGatewaySendsTheCanaryItsShareOfBothPredictorClustersThroughItsMountedSettings()
    {
        var settings = _withCanary.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "gateway-settings").Data;
        var headless = _withCanary.OfType<V1Service>().Single(s => s.Metadata.Name == "predictor-canary-pods");

        Assert.Equal("10", settings["Gateway__Canary__Percent"]);
        foreach (var (cluster, port) in new[] { ("predictor", 8080), ("predictor-grpc", 8081) })
        {
            var destination = $"ReverseProxy__Clusters__{cluster}__Destinations__canary__";
            Assert.Equal($"http://{headless.Metadata.Name}:{port}", settings[destination + "Address"]);
            Assert.Equal("true", settings[destination + "Metadata__Canary"]);
            Assert.Equal("true", settings[destination + "Metadata__ResolveEachAddress"]);
            Assert.Contains(headless.Spec.Ports, p => p.Port == port);
        }
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "predictor-canary" }, headless.Spec.Selector);
        // The stable predictor's Services do not send to the canary's pods.
        Assert.All(_withCanary.OfType<V1Service>().Where(s => s.Metadata.Name is "predictor" or "predictor-pods"),
            service => Assert.Equal("predictor", service.Spec.Selector["app"]));
    }

    [Fact]
    public void TheCanaryScalesFromOnePodAndIsScraped()
    {
        var autoscaler = _withCanary.OfType<V2HorizontalPodAutoscaler>().Single(h => h.Spec.ScaleTargetRef.Name == "predictor-canary");
        var monitoring = Assert.Single(_withCanary.OfType<PodMonitoring>());

        Assert.Equal((1, 10), (autoscaler.Spec.MinReplicas, autoscaler.Spec.MaxReplicas));
        Assert.Contains("predictor-canary", Assert.Single(monitoring.Spec.Selector.MatchExpressions).Values);
        Assert.DoesNotContain(_withCanary.OfType<V1PodDisruptionBudget>(), b => b.Spec.Selector.MatchLabels["app"] == "predictor-canary");
    }

    [Fact]
    public void TheNetworkPoliciesAdmitTheCanaryAsThePredictorWithoutTheWebApp()
    {
        var canary = Policy(_withCanary, "predictor-canary");
        var stable = Policy(_withCanary, "predictor");

        Assert.Equal(["gateway:8080", "gateway:8081", "gmp-system/collector:8082"], Flows(canary.Spec.Ingress.Select(r => (r.FromProperty, r.Ports))));
        Assert.Equal(Flows(stable.Spec.Egress.Select(r => (r.To, r.Ports))), Flows(canary.Spec.Egress.Select(r => (r.To, r.Ports))));
        Assert.Contains("predictor-canary:8080", Flows(Policy(_withCanary, "gateway").Spec.Egress.Select(r => (r.To, r.Ports))));
        Assert.Contains("predictor-canary:8081", Flows(Policy(_withCanary, "gateway").Spec.Egress.Select(r => (r.To, r.Ports))));
        Assert.Contains("predictor-canary:6379", Flows(Policy(_withCanary, "cache").Spec.Ingress.Select(r => (r.FromProperty, r.Ports))));
        Assert.Contains("predictor-canary:18889", Flows(Policy(_withCanary, "aspire-dashboard").Spec.Ingress.Select(r => (r.FromProperty, r.Ports))));
    }

    [Fact]
    public void EverythingElseIsTheReleaseUnchanged()
    {
        var changed = new HashSet<string> { "ConfigMap/gateway-settings", "NetworkPolicy/gateway", "NetworkPolicy/cache", "NetworkPolicy/aspire-dashboard", "PodMonitoring/iris-services" };
        var added = new[] { "Deployment/predictor-canary", "Service/predictor-canary-pods", "HorizontalPodAutoscaler/predictor-canary", "NetworkPolicy/predictor-canary" };
        var release = _release.OfType<IKubernetesObject<V1ObjectMeta>>().ToDictionary(Key, o => KubernetesJson.Serialize(o));
        var withCanary = _withCanary.OfType<IKubernetesObject<V1ObjectMeta>>().ToDictionary(Key, o => KubernetesJson.Serialize(o));

        Assert.Equal(release.Keys.Concat(added).Order(), withCanary.Keys.Order());
        Assert.All(_withCanary.OfType<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace), o => Assert.Equal("iris", o.Metadata.NamespaceProperty));
        Assert.All(release.Keys.Where(key => !changed.Contains(key)), key => Assert.Equal(release[key], withCanary[key]));
        // What the docs delete once the canary's traffic is gone: its objects, by their label.
        Assert.All(_withCanary.OfType<IKubernetesObject<V1ObjectMeta>>().Where(o => added.Contains(Key(o))),
            o => Assert.Equal("predictor-canary", o.Metadata.Labels["app"]));
        Assert.All(changed, key => Assert.NotEqual(release[key], withCanary[key]));
    }

    private static string Key(IKubernetesObject<V1ObjectMeta> o) => $"{o.Kind}/{o.Metadata.Name}";

    private static V1Deployment Deployment(List<object> objects, string name) => objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    private static V1Container Container(List<object> objects, string name) => Deployment(objects, name).Spec.Template.Spec.Containers.Single();

    private static V1NetworkPolicy Policy(List<object> objects, string name) => objects.OfType<V1NetworkPolicy>().Single(p => p.Metadata.Name == name);

    /// <summary>A Deployment's spec without what tells the canary from the stable predictor: its label, image and environment.</summary>
    private static string Comparable(V1Deployment deployment)
    {
        var copy = KubernetesJson.Deserialize<V1Deployment>(KubernetesJson.Serialize(deployment))!;
        copy.Spec.Selector = null;
        copy.Spec.Template.Metadata = null;
        foreach (var constraint in copy.Spec.Template.Spec.TopologySpreadConstraints)
        {
            Assert.Equal(deployment.Spec.Selector.MatchLabels, constraint.LabelSelector!.MatchLabels);
            constraint.LabelSelector = null;
        }
        var container = copy.Spec.Template.Spec.Containers.Single();
        (container.Image, container.Env, container.EnvFrom) = (null, null, null);
        return KubernetesJson.Serialize(copy.Spec);
    }

    private static List<string> Secrets(V1Deployment deployment) =>
        [.. deployment.Spec.Template.Spec.Containers.Single().EnvFrom.Select(from => from.SecretRef?.Name).OfType<string>()];

    /// <summary>Each allowed peer and port as "app:port" (or "namespace/name:port" for a peer in another namespace).</summary>
    private static List<string> Flows(IEnumerable<(IList<V1NetworkPolicyPeer> Peers, IList<V1NetworkPolicyPort> Ports)> rules) =>
        [.. rules.SelectMany(rule => rule.Peers.SelectMany(peer => rule.Ports.Select(port => $"{Manifests.Peer(peer)}:{port.Port.Value}")))
            .Distinct().Order()];
}

/// <summary>
/// A copy of the release after <c>kustomize edit add component canary</c> and <c>kustomize edit set image</c>
/// for the canary, which writes the images sorted by name (the canary's entry right after the stable
/// predictor's): rendered and loaded once for the tests of the component.
/// </summary>
public sealed class ReleaseWithCanary : IDisposable
{
    public const string Registry = "europe-west1-docker.pkg.dev/my-project/iris";

    private readonly string _copy = Directory.CreateTempSubdirectory("iris-release-").FullName;

    public ReleaseWithCanary()
    {
        Manifests.CopyDirectory(Path.Combine(Manifests.RepositoryRoot, "deploy"), Path.Combine(_copy, "deploy"));
        Manifests.CopyDirectory(Manifests.AspirateOutput, Path.Combine(_copy, "aspirate-output"));
        var release = Path.Combine(_copy, "deploy", "gke", "kustomization.yaml");
        var text = File.ReadAllText(release);
        var stable = $"- name: {Registry}/predictor\n  newName: {Registry}/predictor\n  newTag: v1\n";
        Assert.Contains(stable, text);
        File.WriteAllText(release, text.Replace(stable, $"{stable}- name: {Registry}/predictor-canary\n  newName: {Registry}/predictor\n  newTag: v2\n") + "components:\n- canary\n");
        Objects = Manifests.RenderAndLoad(Path.Combine(_copy, "deploy", "gke"));
    }

    public List<object> Objects { get; }

    public void Dispose() => Directory.Delete(_copy, recursive: true);
}
