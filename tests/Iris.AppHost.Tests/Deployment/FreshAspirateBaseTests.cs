using System.Security.Cryptography;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>
/// The overlay on the base as <c>aspirate generate --disable-secrets</c> writes it, before the committed
/// base's one edit: with the Redis password it generated as ConfigMap literals.
/// </summary>
public sealed class FreshAspirateBaseTests : IDisposable
{
    private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("iris-aspirate-");

    /// <summary>Aspirate generates the cache-password parameter as 22 letters and digits.</summary>
    private readonly string _generated = Convert.ToHexString(RandomNumberGenerator.GetBytes(11));

    public FreshAspirateBaseTests()
    {
        Manifests.CopyDirectory(Manifests.AspirateOutput, Path.Combine(_copy.FullName, "aspirate-output"));
        Manifests.CopyDirectory(Manifests.GkeOverlay, Path.Combine(_copy.FullName, "deploy", "gke"));
        // The two literals, written where and as Aspirate writes them.
        WriteLiteral("cache", $"REDIS_PASSWORD={_generated}");
        WriteLiteral("predictor", $"ConnectionStrings__cache=cache:6379,password={_generated}");
    }

    [Fact]
    public void TheOverlayRemovesAspiratesPasswordLiteralsAndRendersAsOnTheCommittedBase()
    {
        var freshBase = Manifests.Render(Path.Combine(_copy.FullName, "aspirate-output"));
        var overlay = Manifests.Render(Path.Combine(_copy.FullName, "deploy", "gke"));

        Assert.Contains(_generated, freshBase);
        Assert.DoesNotContain(_generated, overlay);
        Assert.Equal(Manifests.Render(Manifests.GkeOverlay), overlay);
    }

    public void Dispose() => _copy.Delete(recursive: true);

    private void WriteLiteral(string resource, string literal)
    {
        var kustomization = Path.Combine(_copy.FullName, "aspirate-output", resource, "kustomization.yaml");
        var text = File.ReadAllText(kustomization);
        Assert.Contains("  literals:\n", text);
        File.WriteAllText(kustomization, text.Replace("  literals:\n", $"  literals:\n    - {literal}\n"));
    }
}
