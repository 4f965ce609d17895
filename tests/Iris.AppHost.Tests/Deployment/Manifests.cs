using k8s;
using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>The repository's Kubernetes manifests, rendered by the real kustomize in kubectl and read with the Kubernetes client's strict YAML.</summary>
public static class Manifests
{
    public static string RepositoryRoot => Testing.RepositoryRoot.Path;

    public static string AspirateOutput => Path.Combine(RepositoryRoot, "aspirate-output");

    public static string GkeOverlay => Path.Combine(RepositoryRoot, "deploy", "gke");

    /// <summary>`kubectl kustomize DIR`: the rendered YAML, or a failed assertion with kubectl's own message.</summary>
    public static string Render(string directory) => Command.Output("kubectl", "kustomize", directory);

    /// <summary>Every object, typed; strict: a field the Kubernetes API (or a known resource's documentation) does not know fails the load.</summary>
    public static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, KnownTypes, strict: true);

    /// <summary>Kubernetes' own types, as the client maps them by default, and the custom resources the overlay uses.</summary>
    private static readonly Dictionary<string, Type> KnownTypes = typeof(V1Pod).Assembly.GetTypes()
        .Append(typeof(PodMonitoring))
        .Select(type => (Type: type, Entity: type.GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault()))
        .Where(t => t.Entity is not null)
        .GroupBy(t => string.IsNullOrEmpty(t.Entity!.Group) ? $"{t.Entity.ApiVersion}/{t.Entity.Kind}" : $"{t.Entity.Group}/{t.Entity.ApiVersion}/{t.Entity.Kind}")
        .ToDictionary(g => g.Key, g => g.First().Type);

    public static List<object> RenderAndLoad(string directory) => Load(Render(directory));

    /// <summary>The committed release (deploy/gke), rendered and loaded once for every test that reads it.</summary>
    public static List<object> Release => ReleaseObjects.Value;

    private static readonly Lazy<List<object>> ReleaseObjects = new(() => RenderAndLoad(GkeOverlay));

    /// <summary>Copies a folder of the repository, for a test that edits the copy before rendering it.</summary>
    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>
    /// A container's environment from its ConfigMaps among <paramref name="objects"/>, in order (a later
    /// source wins, as in Kubernetes), then its own variables; a reference to a pod field as "field:path".
    /// </summary>
    public static Dictionary<string, string> EffectiveEnvironment(IEnumerable<object> objects, V1Container container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var name in (container.EnvFrom ?? []).Select(from => from.ConfigMapRef?.Name).OfType<string>())
        {
            foreach (var (key, value) in objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == name).Data)
            {
                environment[key] = value;
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            if ((variable.Value ?? (variable.ValueFrom?.FieldRef is { } field ? $"field:{field.FieldPath}" : null)) is { } value)
            {
                environment[variable.Name] = value;
            }
        }
        return environment;
    }

    /// <summary>A network policy peer as its app label, or "namespace/name" for a peer in another namespace.</summary>
    public static string Peer(V1NetworkPolicyPeer peer) => peer.NamespaceSelector is { } namespaces
        ? $"{namespaces.MatchLabels["kubernetes.io/metadata.name"]}/{peer.PodSelector.MatchLabels["app.kubernetes.io/name"]}"
        : peer.PodSelector.MatchLabels["app"];

    public static IEnumerable<T> OfKind<T>(this IEnumerable<object> objects) where T : IKubernetesObject<V1ObjectMeta> =>
        objects.OfType<T>();
}
