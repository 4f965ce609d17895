using System.Globalization;
using System.Text.Json;

namespace Iris.Testing.V2;

/// <summary>
/// An inference response read the way tritonclient's <c>InferResult</c> and kserve's
/// <c>InferResponse.from_bytes</c> read it: the JSON header is <c>Inference-Header-Content-Length</c>
/// bytes long (the whole body without it); each output with <c>binary_data_size</c> takes the next
/// that many bytes after it, in the order of <c>outputs</c>; BYTES elements are length-prefixed.
/// </summary>
public sealed class InferenceAnswer
{
    private InferenceAnswer(JsonElement header, Dictionary<string, Tensor> outputs)
    {
        Header = header;
        Outputs = outputs;
    }

    public sealed record Tensor(string Datatype, long[] Shape, bool WasBinary, string[]? Strings, float[]? Floats);

    public JsonElement Header { get; }

    public IReadOnlyDictionary<string, Tensor> Outputs { get; }

    public string[] Species => Outputs["species"].Strings!;

    public float[] Probabilities => Outputs["probabilities"].Floats!;

    public static InferenceAnswer Read(RawHttp.Response response)
    {
        var headerLength = response.Header("Inference-Header-Content-Length") is { } length
            ? int.Parse(length, CultureInfo.InvariantCulture)
            : response.Body.Length;
        var header = JsonDocument.Parse(response.Body.AsMemory(0, headerLength)).RootElement.Clone();

        var outputs = new Dictionary<string, Tensor>();
        var offset = headerLength;
        foreach (var output in header.GetProperty("outputs").EnumerateArray())
        {
            var name = output.GetProperty("name").GetString()!;
            var datatype = output.GetProperty("datatype").GetString()!;
            var shape = output.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (output.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("binary_data_size", out var size))
            {
                var raw = response.Body.AsSpan(offset, size.GetInt32());
                offset += raw.Length;
                outputs[name] = datatype == "BYTES"
                    ? new Tensor(datatype, shape, true, RawTensorReader.Bytes(raw), null)
                    : new Tensor(datatype, shape, true, null, RawTensorReader.Fp32(raw));
            }
            else
            {
                var data = output.GetProperty("data").EnumerateArray();
                outputs[name] = datatype == "BYTES"
                    ? new Tensor(datatype, shape, false, [.. data.Select(d => d.GetString()!)], null)
                    : new Tensor(datatype, shape, false, null, [.. data.Select(d => d.GetSingle())]);
            }
        }
        if (offset != response.Body.Length)
        {
            throw new InvalidDataException($"{response.Body.Length - offset} bytes after the last output.");
        }
        return new InferenceAnswer(header, outputs);
    }
}
