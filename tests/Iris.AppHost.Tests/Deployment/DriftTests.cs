using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>
/// The Aspirate base against the deployment manifest the AppHost writes now: a change to the
/// AppHost that is not carried into aspirate-output fails here.
/// </summary>
public sealed partial class DriftTests
{
    private const int ProjectPort = 8080;

    private static readonly Lazy<JsonElement> Manifest = new(GenerateManifest);

    private static readonly Lazy<List<object>> Base = new(() => Manifests.RenderAndLoad(Manifests.AspirateOutput));

    public static TheoryData<string> Workloads => ["cache", "predictor", "web", "gateway"];

    private static IEnumerable<(string Name, JsonElement Resource)> Deployable() =>
        Manifest.Value.GetProperty("resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString() is "project.v0" or "project.v1" or "container.v0" or "container.v1")
            .Select(r => (r.Name, r.Value));

    [Fact]
    public void EveryProjectAndContainerHasItsFolderAndNoFolderIsLeftOver()
    {
        var folders = Directory.GetDirectories(Manifests.AspirateOutput).Select(Path.GetFileName).Order();

        Assert.Equal(Deployable().Select(r => r.Name).Order(), folders);
        foreach (var (name, _) in Deployable())
        {
            foreach (var file in new[] { "deployment.yaml", "service.yaml", "kustomization.yaml" })
            {
                Assert.True(File.Exists(Path.Combine(Manifests.AspirateOutput, name, file)), $"{name}/{file}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void ContainerPortsAndServicePortsMatchTheBindings(string name)
    {
        var resource = Resource(name);
        var expected = resource.GetProperty("bindings").EnumerateObject()
            .Select(b => (b.Name, Port: b.Value.TryGetProperty("targetPort", out var port) ? port.GetInt32() : ProjectPort))
            .OrderBy(b => b.Name).ToList();

        var container = Deployment(name).Spec.Template.Spec.Containers.Single();
        Assert.Equal(expected, container.Ports.Select(p => (p.Name, p.ContainerPort)).OrderBy(p => p.Name));
        var service = Base.Value.OfType<V1Service>().Single(s => s.Metadata.Name == name);
        Assert.Equal(expected.Select(e => e.Port).Order(), service.Spec.Ports.Select(p => p.Port).Order());
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void EveryVariableIsInTheConfigMapOrTheSecretAndServiceAddressesAgree(string name)
    {
        var environment = Resource(name).GetProperty("env").EnumerateObject().ToList();
        var configMap = Base.Value.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == $"{name}-env").Data;
        var container = Deployment(name).Spec.Template.Spec.Containers.Single();

        foreach (var variable in environment)
        {
            var value = variable.Value.GetString()!;
            if (IsSecret(value))
            {
                // Never committed: it comes from the <name>-secrets Secret created at deploy time.
                Assert.DoesNotContain(variable.Name, configMap.Keys);
                Assert.Contains(container.EnvFrom, from => from.SecretRef?.Name == $"{name}-secrets");
                continue;
            }
            Assert.True(configMap.ContainsKey(variable.Name), $"{name}: {variable.Name} is missing from {name}-env");
            Assert.Equal(Resolve(value), configMap[variable.Name]);
        }
    }

    [Fact]
    public void ContainerImagesAreTheManifestsAndProjectsUseTheRegistryInAspirateJson()
    {
        var registry = JsonDocument.Parse(File.ReadAllText(Path.Combine(Manifests.RepositoryRoot, "Iris.AppHost", "aspirate.json")))
            .RootElement.GetProperty("ContainerSettings").GetProperty("Registry").GetString();

        foreach (var (name, resource) in Deployable())
        {
            var image = Deployment(name).Spec.Template.Spec.Containers.Single().Image;
            var expected = resource.TryGetProperty("image", out var containerImage)
                ? containerImage.GetString()
                : $"{registry}/{name}:latest";
            Assert.Equal(expected, image);
        }
    }

    private static JsonElement Resource(string name) => Manifest.Value.GetProperty("resources").GetProperty(name);

    private static V1Deployment Deployment(string name) => Base.Value.OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    /// <summary>A value that carries a secret parameter, directly or through a connection string that does.</summary>
    private static bool IsSecret(string value)
    {
        var secrets = Manifest.Value.GetProperty("resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString() == "parameter.v0"
                && r.Value.GetProperty("inputs").EnumerateObject().Any(i => i.Value.TryGetProperty("secret", out var s) && s.GetBoolean()))
            .Select(r => r.Name).ToList();
        bool Carries(string text) => Reference().Matches(text).Any(m =>
            secrets.Contains(m.Groups["resource"].Value)
            || (Manifest.Value.GetProperty("resources").TryGetProperty(m.Groups["resource"].Value, out var referenced)
                && m.Groups["path"].Value is "connectionString" or "value"
                && (referenced.TryGetProperty("connectionString", out var inner) || referenced.TryGetProperty("value", out inner))
                && Carries(inner.GetString() ?? "")));
        return Carries(value);
    }

    /// <summary>What Aspirate writes for a manifest expression: Kubernetes service names and the fixed ports.</summary>
    private static string Resolve(string value) => Reference().Replace(value, match =>
    {
        var resource = match.Groups["resource"].Value;
        var path = match.Groups["path"].Value;
        var binding = path.Split('.') is ["bindings", var b, _] ? b : "";
        var targetPort = binding.Length > 0 && Resource(resource).GetProperty("bindings").GetProperty(binding).TryGetProperty("targetPort", out var port)
            ? port.GetInt32()
            : ProjectPort;
        var bindingModel = binding.Length > 0 ? Resource(resource).GetProperty("bindings").GetProperty(binding) : default;
        return path.Split('.').Last() switch
        {
            // Aspirate writes an http2 (gRPC) binding's url as host:port; service discovery takes that form as well.
            "url" when bindingModel.GetProperty("transport").GetString() == "http2" => $"{resource}:{targetPort}",
            "url" => $"{bindingModel.GetProperty("scheme").GetString()}://{resource}:{targetPort}",
            "host" => resource,
            "port" or "targetPort" => targetPort.ToString(),
            _ => throw new InvalidOperationException($"No rule for {match.Value}"),
        };
    });

    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9-]+)\.(?<path>[A-Za-z0-9.]+)\}")]
    private static partial Regex Reference();

    private static JsonElement GenerateManifest()
    {
        var output = Directory.CreateTempSubdirectory("iris-manifest-");
        try
        {
            var path = Path.Combine(output.FullName, "aspire-manifest.json");
            using var apphost = Process.Start(new ProcessStartInfo("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "Iris.AppHost.dll"), "--publisher", "manifest", "--output-path", path])
            {
                WorkingDirectory = Path.Combine(Manifests.RepositoryRoot, "Iris.AppHost"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("The AppHost did not start.");
            var log = apphost.StandardOutput.ReadToEndAsync();
            var errors = apphost.StandardError.ReadToEnd();
            if (!apphost.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                apphost.Kill(entireProcessTree: true);
            }
            Assert.True(File.Exists(path), $"The AppHost wrote no manifest: {log.Result} {errors}");
            return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
