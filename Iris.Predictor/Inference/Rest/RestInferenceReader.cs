using System.Globalization;
using System.Text.Json;
using Iris.Predictor.Flowers;

namespace Iris.Predictor.Inference.Rest;

/// <summary>
/// Reads a REST inference request: a JSON body, or, with the binary tensor data extension, a JSON
/// header of <c>Inference-Header-Content-Length</c> bytes followed by each input's raw data, whose
/// size the input's <c>binary_data_size</c> parameter gives. Parameters Iris does not use are ignored.
/// </summary>
public static class RestInferenceReader
{
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <summary>The body as the request frames it; throws <see cref="InvalidInferenceRequestException"/> for anything a client got wrong.</summary>
    public static InferenceCall Read(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var headerLength = HeaderLength(request, body.Length);
        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(body[..headerLength], JsonOptions);
        }
        catch (JsonException ex)
        {
            var hint = headerLength == body.Length && !request.Headers.ContainsKey(HeaderLengthHeader)
                ? $" (a body with binary tensor data needs the {HeaderLengthHeader} header)"
                : "";
            throw IrisTensors.Invalid($"The inference header is not valid JSON: error at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}{hint}.");
        }

        using (header)
        {
            return Read(header.RootElement, body.Span[headerLength..]);
        }
    }

    private static int HeaderLength(HttpRequest request, int bodyLength)
    {
        if (!request.Headers.TryGetValue(HeaderLengthHeader, out var value))
        {
            return bodyLength;
        }
        if (value.Count != 1 || !int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw IrisTensors.Invalid($"{HeaderLengthHeader} must be one non-negative integer, not '{value}'.");
        }
        if (length > bodyLength)
        {
            throw IrisTensors.Invalid($"{HeaderLengthHeader} is {length}, but the body has only {bodyLength} bytes.");
        }
        if (length == 0)
        {
            // Triton's "raw binary request", the whole body one input with no JSON header.
            throw IrisTensors.Invalid($"{HeaderLengthHeader}: 0 (a raw binary request) is not supported: send the JSON inference header first.");
        }
        return length;
    }

    private static InferenceCall Read(JsonElement root, ReadOnlySpan<byte> binary)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw IrisTensors.Invalid("The request must be a JSON object with \"inputs\".");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind == JsonValueKind.String ? Text(idElement, "id") : throw IrisTensors.Invalid("\"id\" must be a string.");
        }

        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() != 1)
        {
            throw IrisTensors.Invalid($"\"inputs\" must be an array holding exactly one tensor, \"{IrisTensors.InputName}\".");
        }

        var flowers = ReadInput(inputs[0], binary);
        var rawByDefault = BooleanParameter(root, "binary_data_output") ?? false;
        return new InferenceCall(id, flowers, ReadRequestedOutputs(root, rawByDefault));
    }

    private static IrisMeasurements[] ReadInput(JsonElement input, ReadOnlySpan<byte> binary)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw IrisTensors.Invalid("Each input must be an object with name, shape, datatype and data.");
        }

        var rows = IrisTensors.CheckInput(StringProperty(input, "name"), StringProperty(input, "datatype"), Shape(input));
        CheckExtensions(input);
        var expectedBytes = rows * IrisTensors.Features * sizeof(float);

        if (Parameters(input) is { } parameters && parameters.TryGetProperty("binary_data_size", out var sizeElement))
        {
            if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 0)
            {
                throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\": binary_data_size must be a non-negative integer.");
            }
            if (input.TryGetProperty("data", out _))
            {
                throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" has both \"data\" and binary_data_size; send one.");
            }
            if (size != expectedBytes)
            {
                throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" has binary_data_size {size}; shape [{rows},4] of FP32 needs {expectedBytes} bytes.");
            }
            if (binary.Length != size)
            {
                throw IrisTensors.Invalid($"The body has {binary.Length} bytes of binary tensor data after the inference header; the inputs declare {size}.");
            }
            return IrisTensors.ToFlowers(RawTensors.ReadFp32(binary), rows);
        }

        if (binary.Length != 0)
        {
            throw IrisTensors.Invalid($"The body has {binary.Length} bytes after the inference header, but no input declares binary_data_size.");
        }
        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" needs \"data\", an array of numbers, or binary tensor data.");
        }

        var values = new List<float>(rows * IrisTensors.Features);
        Flatten(data, values, depth: 0, limit: rows * IrisTensors.Features);
        return IrisTensors.ToFlowers(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), rows);
    }

    private static long[] Shape(JsonElement input)
    {
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" must have shape [N,4]: N flowers by {string.Join(", ", IrisTensors.FeatureOrder)}.");
        }
        var dimensions = new long[shape.GetArrayLength()];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = shape[i].ValueKind == JsonValueKind.Number && shape[i].TryGetInt64(out var dimension) ? dimension : -1;
        }
        return dimensions;
    }

    private static void Flatten(JsonElement element, List<float> values, int depth, int limit)
    {
        foreach (var item in element.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.Number when item.TryGetSingle(out var value):
                    values.Add(value);
                    break;
                // The protocol allows nested row-major data: [[5.1,3.5,1.4,0.2],…].
                case JsonValueKind.Array when depth == 0:
                    Flatten(item, values, depth + 1, limit);
                    break;
                default:
                    throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" data must hold only numbers (FP32), flat or one level nested.");
            }
            if (values.Count > limit)
            {
                throw IrisTensors.Invalid($"Input \"{IrisTensors.InputName}\" holds more values than its shape [{limit / IrisTensors.Features},4] allows.");
            }
        }
    }

    private static IReadOnlyList<RequestedOutput> ReadRequestedOutputs(JsonElement root, bool rawByDefault)
    {
        if (!root.TryGetProperty("outputs", out var outputs))
        {
            return [.. IrisTensors.OutputNames.Select(name => new RequestedOutput(name, rawByDefault))];
        }
        if (outputs.ValueKind != JsonValueKind.Array)
        {
            throw IrisTensors.Invalid("\"outputs\" must be an array of {\"name\":…} objects.");
        }

        var requested = new List<RequestedOutput>();
        foreach (var output in outputs.EnumerateArray())
        {
            var name = output.ValueKind == JsonValueKind.Object ? StringProperty(output, "name") : throw IrisTensors.Invalid("Each requested output must be an object with a name.");
            IrisTensors.CheckOutputName(name);
            CheckExtensions(output);
            if (requested.All(r => r.Name != name))
            {
                requested.Add(new RequestedOutput(name, BooleanParameter(output, "binary_data") ?? rawByDefault));
            }
        }
        return requested.Count == 0 ? [.. IrisTensors.OutputNames.Select(name => new RequestedOutput(name, rawByDefault))] : requested;
    }

    private static void CheckExtensions(JsonElement tensor)
    {
        if (Parameters(tensor) is not { } parameters)
        {
            return;
        }
        var classification = parameters.TryGetProperty("classification", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) ? n : 0;
        IrisTensors.CheckExtensions(classification, parameters.TryGetProperty("shared_memory_region", out _));
    }

    private static JsonElement? Parameters(JsonElement element)
    {
        if (!element.TryGetProperty("parameters", out var parameters))
        {
            return null;
        }
        return parameters.ValueKind == JsonValueKind.Object ? parameters : throw IrisTensors.Invalid("\"parameters\" must be an object.");
    }

    private static bool? BooleanParameter(JsonElement element, string name) =>
        Parameters(element) is { } parameters && parameters.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw IrisTensors.Invalid($"The parameter {name} must be true or false."),
            }
            : null;

    private static string StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Text(value, name)
            : throw IrisTensors.Invalid($"\"{name}\" must be a string.");

    /// <summary>A JSON string's text: the parser checks structure, not that a string is valid UTF-8 (or has no lone surrogate).</summary>
    private static string Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw IrisTensors.Invalid($"\"{name}\" is not valid text: invalid UTF-8 or a lone surrogate.");
        }
    }
}
