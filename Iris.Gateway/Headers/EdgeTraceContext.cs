using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Iris.Gateway.Headers;

/// <summary>
/// The public edge starts every trace itself. Continuing a traceparent from the internet would let any
/// client choose to be traced (and flood the telemetry with sampled traces) or choose its trace ids;
/// so the gateway reads no incoming trace context or baggage, samples each request on its own, and
/// sends the services behind it its own context.
/// </summary>
public static class EdgeTraceContext
{
    public static void IgnoreIncomingTraceContext(this IServiceCollection services)
    {
        // ASP.NET Core's hosting reads the request's context through this propagator; outgoing
        // requests (YARP's) inject through DistributedContextPropagator.Current, left as it is.
        services.AddSingleton<DistributedContextPropagator>(new OutgoingOnly(DistributedContextPropagator.CreateDefaultPropagator()));
        // OpenTelemetry's ASP.NET Core instrumentation extracts the context again unless its propagator
        // is plain W3C trace context; that one it leaves to the hosting layer above.
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
    }

    private sealed class OutgoingOnly(DistributedContextPropagator outgoing) : DistributedContextPropagator
    {
        public override IReadOnlyCollection<string> Fields => outgoing.Fields;

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
            outgoing.Inject(activity, carrier, setter);

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
        {
            traceId = null;
            traceState = null;
        }

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
    }
}
