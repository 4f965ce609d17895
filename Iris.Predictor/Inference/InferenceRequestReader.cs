using System.Text.Json;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;

namespace Iris.Predictor.Inference;

/// <summary>
/// Reads a V2 inference request for the Iris model: one FP32 input of shape [N,4]
/// (1 ≤ N ≤ 1,000), its data flat in row-major order or nested, each value a measurement in
/// centimetres (finite, 0 &lt; value ≤ 100). Anything else is a client error with a message.
/// </summary>
public static class InferenceRequestReader
{
    public const string InputName = "input-0";
    public const string SpeciesOutput = "species";
    public const string ProbabilitiesOutput = "probabilities";
    public static readonly string[] FeatureOrder = ["sepalLength", "sepalWidth", "petalLength", "petalWidth"];

    public sealed record Parsed(string? Id, IReadOnlyList<IrisMeasurements> Flowers, IReadOnlyList<string> Outputs);

    public static Parsed Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("The request must be a JSON object with \"inputs\".");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw Invalid("\"id\" must be a string.");
        }

        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() != 1)
        {
            throw Invalid($"\"inputs\" must be an array holding exactly one tensor, \"{InputName}\".");
        }

        var flowers = ReadInput(inputs[0]);
        return new Parsed(id, flowers, ReadRequestedOutputs(root));
    }

    private static IReadOnlyList<IrisMeasurements> ReadInput(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("Each input must be an object with name, shape, datatype and data.");
        }

        var name = StringProperty(input, "name");
        if (name != InputName)
        {
            throw Invalid($"Unexpected input '{name}': the model has one input, \"{InputName}\".");
        }

        var datatype = StringProperty(input, "datatype");
        if (datatype != "FP32")
        {
            throw Invalid($"Input \"{InputName}\" has datatype {datatype}; the model takes FP32.");
        }

        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() != 2
            || !shape[0].TryGetInt32(out var rows) || !shape[1].TryGetInt32(out var columns) || columns != 4)
        {
            throw Invalid($"Input \"{InputName}\" must have shape [N,4]: N flowers by {string.Join(", ", FeatureOrder)}.");
        }
        if (rows is < 1 or > BatchPredictRequest.MaxInstances)
        {
            throw Invalid($"Input \"{InputName}\" must have between 1 and {BatchPredictRequest.MaxInstances} rows, not {rows}.");
        }

        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"Input \"{InputName}\" needs \"data\", an array of numbers.");
        }

        var values = new List<float>(rows * 4);
        Flatten(data, values, depth: 0);
        if (values.Count != rows * 4)
        {
            throw Invalid($"Input \"{InputName}\" has {values.Count} values; shape [{rows},4] needs {rows * 4}.");
        }

        var flowers = new IrisMeasurements[rows];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < 4; column++)
            {
                var value = values[(row * 4) + column];
                if (!float.IsFinite(value) || value <= 0 || value > PredictRequest.MaxCentimetres)
                {
                    throw Invalid($"Row {row}, {FeatureOrder[column]} = {value}: each measurement must be a finite number greater than 0 and at most 100 (centimetres).");
                }
            }
            flowers[row] = new IrisMeasurements(values[row * 4], values[(row * 4) + 1], values[(row * 4) + 2], values[(row * 4) + 3]);
        }
        return flowers;
    }

    private static void Flatten(JsonElement element, List<float> values, int depth)
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
                    Flatten(item, values, depth + 1);
                    break;
                default:
                    throw Invalid($"Input \"{InputName}\" data must hold only numbers (FP32), flat or one level nested.");
            }
            if (values.Count > BatchPredictRequest.MaxInstances * 4)
            {
                throw Invalid($"Input \"{InputName}\" holds more values than its shape allows.");
            }
        }
    }

    private static IReadOnlyList<string> ReadRequestedOutputs(JsonElement root)
    {
        if (!root.TryGetProperty("outputs", out var outputs))
        {
            return [SpeciesOutput, ProbabilitiesOutput];
        }
        if (outputs.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("\"outputs\" must be an array of {\"name\":…} objects.");
        }

        var names = new List<string>();
        foreach (var output in outputs.EnumerateArray())
        {
            var name = output.ValueKind == JsonValueKind.Object ? StringProperty(output, "name") : throw Invalid("Each requested output must be an object with a name.");
            if (name is not (SpeciesOutput or ProbabilitiesOutput))
            {
                throw Invalid($"Unknown output '{name}': the model has \"{SpeciesOutput}\" and \"{ProbabilitiesOutput}\".");
            }
            names.Add(name);
        }
        return names.Count == 0 ? [SpeciesOutput, ProbabilitiesOutput] : names.Distinct().ToList();
    }

    private static string StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid($"\"{name}\" must be a string.");

    private static InvalidInferenceRequestException Invalid(string message) => new(message);
}

/// <summary>A request the protocol says is the client's fault: answered 400 with <c>{"error":…}</c>.</summary>
public sealed class InvalidInferenceRequestException(string message) : Exception(message);
