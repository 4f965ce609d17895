using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>Both kustomizations render with kubectl and every object is valid Kubernetes (strict schema).</summary>
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
        Assert.Equal(2, objects.OfKind<V2HorizontalPodAutoscaler>().Count());
        Assert.Equal(2, objects.OfKind<V1PodDisruptionBudget>().Count());
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

        Assert.ThrowsAny<Exception>(() => Manifests.Load(misspelt));
    }
}
