using System.Text.Json;
using Iris.Contracts;
using Iris.Predictor.Flowers;

namespace Iris.Predictor.Prediction;

/// <summary>
/// Reads the common shape of a <c>POST /predict/batch</c> body straight into measurements, with one
/// <see cref="Utf8JsonReader"/> pass and no object per row: <c>{"instances":[…]}</c> whose rows are
/// arrays of four numbers or objects with exactly the four measurements, each in range. Anything else,
/// every client error included, is left to the serializer and the validation attributes of
/// <see cref="BatchPredictRequest"/> (see <see cref="PredictionApi"/>), so their rules and messages
/// stay the only ones.
/// </summary>
public static class BatchRequestReader
{
    private static ReadOnlySpan<byte> Instances => "instances"u8;
    private static ReadOnlySpan<byte> SepalLength => "sepalLength"u8;
    private static ReadOnlySpan<byte> SepalWidth => "sepalWidth"u8;
    private static ReadOnlySpan<byte> PetalLength => "petalLength"u8;
    private static ReadOnlySpan<byte> PetalWidth => "petalWidth"u8;

    /// <summary>True, with every row in <paramref name="flowers"/>, when the body is a valid batch in the common shape.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, List<IrisMeasurements> flowers)
    {
        flowers.Clear();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(Instances)
                || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (flowers.Count == BatchPredictRequest.MaxInstances || !TryReadRow(ref reader, out var flower))
                {
                    return false;
                }
                flowers.Add(flower);
            }

            // Exactly one property, and nothing after the object but whitespace.
            return flowers.Count > 0
                && reader.Read() && reader.TokenType == JsonTokenType.EndObject
                && !reader.Read();
        }
        catch (JsonException)
        {
            // Malformed JSON: the serializer says where and why.
            return false;
        }
    }

    private static bool TryReadRow(ref Utf8JsonReader reader, out IrisMeasurements flower)
    {
        Span<double> values = stackalloc double[4];
        var read = reader.TokenType switch
        {
            JsonTokenType.StartArray => TryReadArray(ref reader, values),
            JsonTokenType.StartObject => TryReadObject(ref reader, values),
            _ => false,
        };
        flower = read ? new IrisMeasurements((float)values[0], (float)values[1], (float)values[2], (float)values[3]) : default;
        return read;
    }

    private static bool TryReadArray(ref Utf8JsonReader reader, scoped Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!reader.Read() || !TryReadMeasurement(ref reader, out values[i]))
            {
                return false;
            }
        }
        return reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadObject(ref Utf8JsonReader reader, scoped Span<double> values)
    {
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = reader.ValueTextEquals(SepalLength) ? 0
                : reader.ValueTextEquals(SepalWidth) ? 1
                : reader.ValueTextEquals(PetalLength) ? 2
                : reader.ValueTextEquals(PetalWidth) ? 3
                : -1;
            var bit = 1 << index;
            if (index < 0 || (seen & bit) != 0 || !reader.Read() || !TryReadMeasurement(ref reader, out values[index]))
            {
                return false;
            }
            seen |= bit;
        }
        return reader.TokenType == JsonTokenType.EndObject && seen == 0b1111;
    }

    /// <summary>The rule of <see cref="PredictRequest"/>'s attributes (<see cref="MeasurementRule"/>), checked on the double as they check it.</summary>
    private static bool TryReadMeasurement(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number
            && reader.TryGetDouble(out value)
            && MeasurementRule.Allows(value);
    }
}
