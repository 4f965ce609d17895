namespace Iris.Predictor.Inference;

/// <summary>A request the protocol says is the client's fault: 400 over REST, INVALID_ARGUMENT over gRPC.</summary>
public sealed class InvalidInferenceRequestException(string message) : Exception(message);
