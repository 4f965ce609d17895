using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;

namespace Iris.Predictor.Inference.Rest;

/// <summary>
/// Writes the inference response: JSON when every output is wanted as JSON (<c>application/json</c>),
/// else the JSON header, then the raw data of each binary output in the order of <c>outputs</c>, with
/// <c>Inference-Header-Content-Length</c> giving the header's size (<c>application/octet-stream</c>).
/// </summary>
public static class RestInferenceWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpResponse response, InferenceCall call, InferenceOutputs outputs)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        var rawSizes = new Dictionary<string, int>();
        // The raw data goes after the header, but the header states each output's size: encode it first.
        var raw = new ArrayBufferWriter<byte>();
        foreach (var output in call.Outputs.Where(output => output.Raw))
        {
            rawSizes[output.Name] = outputs.WriteRaw(raw, output.Name);
        }

        using (var json = new Utf8JsonWriter(body, JsonOptions))
        {
            WriteHeader(json, call, outputs, rawSizes);
        }
        var headerLength = body.WrittenCount;
        body.Write(raw.WrittenSpan);

        response.StatusCode = StatusCodes.Status200OK;
        if (rawSizes.Count > 0)
        {
            response.ContentType = "application/octet-stream";
            response.Headers[RestInferenceReader.HeaderLengthHeader] = headerLength.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            response.ContentType = InferenceResults.JsonContentType;
        }
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory);
    }

    private static void WriteHeader(Utf8JsonWriter json, InferenceCall call, InferenceOutputs outputs, Dictionary<string, int> rawSizes)
    {
        json.WriteStartObject();
        json.WriteString("model_name", IrisModel.Name);
        json.WriteString("model_version", outputs.ModelVersion);
        if (call.Id is not null)
        {
            json.WriteString("id", call.Id);
        }
        json.WriteStartArray("outputs");
        foreach (var output in call.Outputs)
        {
            json.WriteStartObject();
            json.WriteString("name", output.Name);
            json.WriteString("datatype", InferenceOutputs.DatatypeOf(output.Name));
            json.WriteStartArray("shape");
            foreach (var dimension in outputs.ShapeOf(output.Name))
            {
                json.WriteNumberValue(dimension);
            }
            json.WriteEndArray();

            if (rawSizes.TryGetValue(output.Name, out var size))
            {
                json.WriteStartObject("parameters");
                json.WriteNumber("binary_data_size", size);
                json.WriteEndObject();
            }
            else
            {
                json.WriteStartArray("data");
                if (output.Name == IrisTensors.SpeciesOutput)
                {
                    foreach (var species in outputs.SpeciesNames)
                    {
                        json.WriteStringValue(species);
                    }
                }
                else
                {
                    foreach (var probability in outputs.Probabilities())
                    {
                        json.WriteNumberValue(probability);
                    }
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
