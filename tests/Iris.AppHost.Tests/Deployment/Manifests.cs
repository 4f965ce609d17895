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

    public static IEnumerable<T> OfKind<T>(this IEnumerable<object> objects) where T : IKubernetesObject<V1ObjectMeta> =>
        objects.OfType<T>();
}
