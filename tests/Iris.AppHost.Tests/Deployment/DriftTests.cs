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

    private static readonly Lazy<string> ManifestFolder = new(() => Directory.CreateTempSubdirectory("iris-manifest-").FullName);

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
                // The one edit to Aspirate's output: its password literal is removed, never committed.
                Assert.DoesNotContain(variable.Name, configMap.Keys);
                continue;
            }
            Assert.True(configMap.ContainsKey(variable.Name), $"{name}: {variable.Name} is missing from {name}-env");
            Assert.Equal(Resolve(value), configMap[variable.Name]);
        }
        // Nothing else: only the variables Aspirate adds itself (telemetry, and the URL of a project).
        Assert.Equal(environment.Select(v => v.Name).Where(n => !IsSecret(Resource(name).GetProperty("env").GetProperty(n).GetString()!))
            .Concat(AspirateAddedVariables(name)).Order(), configMap.Keys.Order());
        // Aspirate writes secrets to a secretGenerator only when they are enabled; the base is made with --disable-secrets.
        Assert.All(container.EnvFrom, from => Assert.Null(from.SecretRef));
    }

    private static IEnumerable<string> AspirateAddedVariables(string name) =>
        Resource(name).GetProperty("type").GetString()!.StartsWith("project", StringComparison.Ordinal)
            ? ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME", "ASPNETCORE_URLS"]
            : ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    [Fact]
    public void ContainerImagesAreTheManifestsAndProjectImagesAreNamedAsAspirateNamesThem()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Manifests.RepositoryRoot, "Iris.AppHost", "aspirate.json")))
            .RootElement.GetProperty("ContainerSettings");
        var registry = settings.GetProperty("Registry").GetString();
        var prefix = settings.GetProperty("RepositoryPrefix").GetString();
        var tag = settings.GetProperty("Tags")[0].GetString();

        // The SDK takes a registry host only (CONTAINER2012 otherwise); a project and repository path belongs in the prefix.
        Assert.DoesNotContain("/", registry);
        foreach (var (name, resource) in Deployable())
        {
            var image = Deployment(name).Spec.Template.Spec.Containers.Single().Image;
            // Aspirate: registry / prefix / the project's ContainerRepository : tag.
            var expected = resource.TryGetProperty("image", out var containerImage)
                ? containerImage.GetString()
                : $"{registry}/{prefix}/{ProjectProperty(resource, "ContainerRepository")}:{tag}";
            Assert.Equal(expected, image);
        }
    }

    [Fact]
    public void ProjectImagesRunAsTheNonRootUserByItsNumberAsThePodsDo()
    {
        foreach (var (name, resource) in Deployable().Where(r => r.Resource.GetProperty("type").GetString()!.StartsWith("project", StringComparison.Ordinal)))
        {
            // runAsNonRoot refuses to start an image whose user is a name it cannot check; the GKE
            // overlay's pods run as 1654, the .NET images' own non-root user.
            var user = ProjectProperty(resource, "ContainerUser");
            Assert.True(user == "1654", $"{name}'s image runs as '{user}'");
        }
    }

    [Fact]
    public void TheDashboardIsAspiratesOwnTemplate()
    {
        var dashboard = Deployment("aspire-dashboard").Spec.Template.Spec.Containers.Single();

        Assert.Equal("mcr.microsoft.com/dotnet/aspire-dashboard:9.0", dashboard.Image);
        Assert.Equal(("500m", "512Mi", "512Mi"), (dashboard.Resources.Requests["cpu"].ToString(), dashboard.Resources.Requests["memory"].ToString(), dashboard.Resources.Limits["memory"].ToString()));
    }

    /// <summary>An MSBuild property of a project in the manifest, evaluated by the SDK as Aspirate does.</summary>
    private static string ProjectProperty(JsonElement project, string property)
    {
        // The manifest names a project relative to the folder the manifest was written to.
        var path = Path.GetFullPath(Path.Combine(ManifestFolder.Value, project.GetProperty("path").GetString()!));
        return Command.Output("dotnet", "msbuild", path, $"-getProperty:{property}").Trim();
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

    /// <summary>
    /// What the real Aspirate (9.1, <c>aspirate generate --skip-build --disable-secrets</c> on this
    /// AppHost's manifest) wrote for each expression the manifest uses: Kubernetes service names and
    /// the fixed ports. An expression missing here is new: run aspirate generate and add what it writes.
    /// </summary>
    private static readonly Dictionary<string, string> AspirateWrites = new()
    {
        ["{cache.bindings.tcp.host}"] = "cache",
        ["{cache.bindings.tcp.port}"] = "6379",
        ["{gateway.bindings.http.targetPort}"] = "8080",
        ["{gateway.bindings.grpc.targetPort}"] = "8081",
        ["{predictor.bindings.http.targetPort}"] = "8080",
        ["{predictor.bindings.grpc.targetPort}"] = "8081",
        ["{web.bindings.http.targetPort}"] = "8080",
        ["{predictor.bindings.http.url}"] = "http://predictor:8080",
        // An http2 (gRPC) binding's url is written as host:port; service discovery takes that form as well.
        ["{predictor.bindings.grpc.url}"] = "predictor:8081",
        ["{web.bindings.http.url}"] = "http://web:8080",
    };

    private static string Resolve(string value) => Reference().Replace(value, match =>
        AspirateWrites.TryGetValue(match.Value, out var written)
            ? written
            : throw new InvalidOperationException($"The manifest uses {match.Value}, which AspirateWrites does not know: run aspirate generate and add what it writes."));

    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9-]+)\.(?<path>[A-Za-z0-9.]+)\}")]
    private static partial Regex Reference();

    private static JsonElement GenerateManifest()
    {
        var output = new DirectoryInfo(ManifestFolder.Value);
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
