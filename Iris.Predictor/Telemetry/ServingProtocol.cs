using Grpc.AspNetCore.Server;

namespace Iris.Predictor.Telemetry;

/// <summary>
/// Endpoint metadata naming the protocol an inference endpoint speaks, for the serving metrics:
/// Iris's own API, or the Open Inference Protocol over REST or gRPC.
/// </summary>
public sealed record ServingProtocol(string Name)
{
    public static readonly ServingProtocol Iris = new("iris");
    public static readonly ServingProtocol V2Rest = new("v2-rest");
    public static readonly ServingProtocol V2Grpc = new("v2-grpc");

    /// <summary>The protocol of an endpoint that serves inferences; null for every other endpoint.</summary>
    public static ServingProtocol? Of(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ServingProtocol>()
        ?? (endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is { Method.Name: "ModelInfer" } ? V2Grpc : null);
}
