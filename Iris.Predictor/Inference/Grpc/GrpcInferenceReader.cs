namespace Iris.Predictor.Inference.Grpc;

/// <summary>Reads a gRPC <c>ModelInferRequest</c> into the same call, and with the same checks, as a REST request.</summary>
public static class GrpcInferenceReader
{
    public static InferenceCall Read(ModelInferRequest request)
    {
        if (request.Inputs.Count != 1)
        {
            throw IrisTensors.Invalid($"\"inputs\" must hold exactly one tensor, \"{IrisTensors.InputName}\".");
        }

        var input = request.Inputs[0];
        var rows = IrisTensors.CheckInput(input.Name, input.Datatype, input.Shape);
        CheckExtensions(input.Parameters);
        var raw = request.RawInputContents.Count > 0;
        float[] values;
        if (raw)
        {
            if (request.RawInputContents.Count != request.Inputs.Count)
            {
                throw IrisTensors.Invalid($"raw_input_contents has {request.RawInputContents.Count} entries for {request.Inputs.Count} input.");
            }
            if (input.Contents?.CalculateSize() > 0)
            {
                throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" has both contents and raw_input_contents; send one.");
            }
            var bytes = request.RawInputContents[0].Span;
            var expected = rows * IrisTensors.Features * sizeof(float);
            if (bytes.Length != expected)
            {
                throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" has {bytes.Length} bytes of raw contents; shape [{rows},4] of FP32 needs {expected}.");
            }
            values = RawTensors.ReadFp32(bytes);
        }
        else
        {
            values = input.Contents is { } contents ? [.. contents.Fp32Contents] : [];
        }

        var flowers = IrisTensors.ToFlowers(values, rows);
        var outputs = new List<RequestedOutput>();
        foreach (var output in request.Outputs)
        {
            IrisTensors.CheckOutputName(output.Name);
            CheckExtensions(output.Parameters);
            if (outputs.All(o => o.Name != output.Name))
            {
                outputs.Add(new RequestedOutput(output.Name, raw));
            }
        }
        if (outputs.Count == 0)
        {
            outputs.AddRange(IrisTensors.OutputNames.Select(name => new RequestedOutput(name, raw)));
        }
        return new InferenceCall(string.IsNullOrEmpty(request.Id) ? null : request.Id, flowers, outputs);
    }

    private static void CheckExtensions(IDictionary<string, InferParameter> parameters) =>
        IrisTensors.CheckExtensions(
            parameters.TryGetValue("classification", out var count) ? count.Int64Param : 0,
            parameters.ContainsKey("shared_memory_region"));
}
