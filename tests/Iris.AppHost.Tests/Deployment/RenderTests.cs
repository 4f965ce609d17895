using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>
/// Both kustomizations render with kubectl; every object loads with the Kubernetes client's strict YAML
/// (field names and types), and every enumerated field holds a value the API accepts.
/// </summary>
public sealed class RenderTests
{
    [Fact]
    public void TheAspirateBaseRendersIntoValidObjects()
    {
        var objects = Manifests.RenderAndLoad(Manifests.AspirateOutput);

        Assert.Equal(["aspire-dashboard", "cache", "gateway", "predictor", "web"],
            objects.OfKind<V1Deployment>().Select(d => d.Metadata.Name).Order());
        Assert.Equal(5, objects.OfKind<V1Service>().Count());
    }

    [Fact]
    public void TheGkeOverlayRendersTheWholeSystemIntoValidObjects()
    {
        var objects = Manifests.RenderAndLoad(Manifests.GkeOverlay);

        Assert.Single(objects.OfKind<V1Namespace>(), n => n.Metadata.Name == "iris");
        Assert.Equal(5, objects.OfKind<V1Deployment>().Count());
        Assert.Equal(3, objects.OfKind<V2HorizontalPodAutoscaler>().Count());
        Assert.Equal(3, objects.OfKind<V1PodDisruptionBudget>().Count());
        Assert.NotEmpty(objects.OfKind<V1NetworkPolicy>());
    }

    [Fact]
    public void AnUnknownFieldIsRefusedByTheValidator()
    {
        const string misspelt = """
            apiVersion: v1
            kind: Service
            metadata:
              name: gateway
            spec:
              typ: LoadBalancer
            """;

        var refusal = Assert.Throws<YamlDotNet.Core.YamlException>(() => Manifests.Load(misspelt));
        Assert.Contains("typ", refusal.Message);
    }

    [Theory]
    [InlineData("aspirate-output")]
    [InlineData("deploy/gke")]
    public void EveryEnumeratedFieldHoldsAValueTheApiAccepts(string directory)
    {
        var objects = Manifests.RenderAndLoad(Path.Combine(Manifests.RepositoryRoot, directory));

        Assert.Empty(KnownValues.Problems(objects));
    }

    [Fact]
    public void AMisspeltServiceTypeLoadsButIsFoundByTheValueCheck()
    {
        const string misspelt = """
            apiVersion: v1
            kind: Service
            metadata:
              name: gateway
            spec:
              type: LoadBalancr
            """;

        Assert.Equal(["Service/gateway: spec.type = LoadBalancr"], KnownValues.Problems(Manifests.Load(misspelt)));
    }
}
