namespace Iris.Predictor.Inference.Rest;

// The Open Inference Protocol (KServe V2) REST messages, named as the protocol names them.

public sealed record ServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions);

public sealed record ServerLive(bool Live);

public sealed record ServerReady(bool Ready);

public sealed record ModelReady(string Name, bool Ready);

public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);

public sealed record ModelMetadataResponse(
    string Name,
    IReadOnlyList<string> Versions,
    string Platform,
    IReadOnlyList<TensorMetadata> Inputs,
    IReadOnlyList<TensorMetadata> Outputs);

/// <summary>The protocol's error body: <c>{"error":"…"}</c>.</summary>
public sealed record InferenceError(string Error);
