using System.Diagnostics;
using OpenTelemetry;

namespace Iris.Gateway.Telemetry;

/// <summary>
/// Keeps YARP's active health checks out of traces: they run every few seconds per destination and
/// would fill the dashboard with probes. Their HTTP requests are filtered by path in the service
/// defaults; this drops the spans YARP opens around them.
/// </summary>
public sealed class UntracedHealthChecks : BaseProcessor<Activity>
{
    private static readonly string[] HealthCheckSpans = ["proxy.cluster_health_checks", "proxy.destination_health_check"];

    public override void OnStart(Activity activity)
    {
        if (activity.Source.Name == "Yarp.ReverseProxy" && HealthCheckSpans.Contains(activity.OperationName))
        {
            // Neither exported nor a recorded parent for the probe requests it makes.
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
