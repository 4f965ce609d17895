using Iris.Predictor.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Iris.Predictor.Inference.Grpc;

public static class GrpcInferenceEndpoints
{
    /// <summary>The service whose name the standard health service answers for readiness; "" is the process.</summary>
    public static string InferenceServiceName => GRPCInferenceService.Descriptor.FullName;

    /// <summary>A gRPC call's whole body: far above one message's <see cref="RequestBody.MaxBytes"/>, still bounded.</summary>
    private const long GrpcBodyLimitBytes = 1024 * 1024;

    public static void AddGrpcInference(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            // As REST: no request the predictor accepts needs more (1,000 flowers are 16 KB raw).
            options.MaxReceiveMessageSize = RequestBody.MaxBytes;
            options.EnableDetailedErrors = false;
        });
        // grpc.health.v1, for Kubernetes' gRPC probes: "" is liveness (the process), the inference
        // service's name is readiness (every check; Degraded still serves).
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", registration => registration.Tags.Contains(Microsoft.Extensions.Hosting.Extensions.LiveTag));
            options.Services.Map(InferenceServiceName, _ => true);
        });
        services.AddGrpcReflection();
    }

    public static void MapGrpcInference(this IEndpointRouteBuilder app)
    {
        // gRPC bounds each message by its length prefix (MaxReceiveMessageSize: RESOURCE_EXHAUSTED) before
        // reading it; the body's limit, were it as tight, would fail the call first, as UNKNOWN.
        app.MapGrpcService<GrpcInferenceService>().WithMetadata(new RequestSizeLimitAttribute(GrpcBodyLimitBytes));
        app.MapGrpcHealthChecksService();
        // So that grpcurl and other reflection clients need no proto file.
        app.MapGrpcReflectionService();
    }
}
