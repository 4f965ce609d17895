using Iris.Predictor.Flowers;


namespace Iris.Predictor.Inference;

/// <summary>An output the client asked for; <see cref="Raw"/>: as raw little-endian bytes (REST's binary tensor data, gRPC's raw_output_contents).</summary>
public sealed record RequestedOutput(string Name, bool Raw);

/// <summary>A valid inference request, whether it came over REST or gRPC.</summary>
public sealed record InferenceCall(string? Id, IrisMeasurements[] Flowers, IReadOnlyList<RequestedOutput> Outputs);
