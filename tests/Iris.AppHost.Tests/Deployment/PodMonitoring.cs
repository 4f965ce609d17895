using k8s;
using k8s.Models;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>
/// Google Cloud Managed Service for Prometheus's PodMonitoring (monitoring.googleapis.com/v1), with
/// the fields its reference documents, so that strict loading refuses any other.
/// </summary>
[KubernetesEntity(Group = "monitoring.googleapis.com", ApiVersion = "v1", Kind = "PodMonitoring", PluralName = "podmonitorings")]
public sealed class PodMonitoring : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public PodMonitoringSpec Spec { get; set; } = new();
}

public sealed class PodMonitoringSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public List<ScrapeEndpoint> Endpoints { get; set; } = [];

    public Dictionary<string, object>? TargetLabels { get; set; }

    public Dictionary<string, object>? Limits { get; set; }

    public bool? FilterRunning { get; set; }
}

public sealed class ScrapeEndpoint
{
    public IntOrString Port { get; set; } = "";

    public string? Scheme { get; set; }

    public string? Path { get; set; }

    public string? Interval { get; set; }

    public string? Timeout { get; set; }

    public Dictionary<string, List<string>>? Params { get; set; }

    public List<Dictionary<string, object>>? MetricRelabeling { get; set; }

    public string? ProxyUrl { get; set; }

    public Dictionary<string, object>? Authorization { get; set; }

    public Dictionary<string, object>? BasicAuth { get; set; }

    public Dictionary<string, object>? Oauth2 { get; set; }

    public Dictionary<string, object>? Tls { get; set; }
}
