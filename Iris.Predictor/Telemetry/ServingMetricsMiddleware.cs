using System.Diagnostics;
using Iris.Predictor.Model;
using Microsoft.AspNetCore.Http.Features;

namespace Iris.Predictor.Telemetry;

/// <summary>
/// Counts every inference request by protocol and outcome and times it, wherever it ends: refused
/// by validation, by the framework or by the model lookup, or answered. A gRPC call's outcome is
/// its grpc-status (its HTTP status is 200 either way). Each is counted with the version of the model
/// the service serves, so that a canary's error rate and latency can be set beside the stable model's.
/// </summary>
public static class ServingMetricsMiddleware
{
    public static IApplicationBuilder UseServingMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<PredictorMetrics>();
        var models = app.ApplicationServices.GetRequiredService<ModelStore>();
        return app.Use(async (context, next) =>
        {
            if (ServingProtocol.Of(context.GetEndpoint()) is not { } protocol)
            {
                await next(context);
                return;
            }
            var start = Stopwatch.GetTimestamp();
            var succeeded = false;
            try
            {
                await next(context);
                succeeded = protocol == ServingProtocol.V2Grpc ? GrpcStatus(context) == "0" : context.Response.StatusCode < 400;
            }
            finally
            {
                metrics.Served(protocol.Name, models.Current.Version, succeeded, start);
            }
        });
    }

    /// <summary>In the trailers, or in the headers of a trailers-only answer (an error before any message).</summary>
    private static string? GrpcStatus(HttpContext context) =>
        context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
}
