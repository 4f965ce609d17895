using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iris.Predictor.Prediction;

/// <summary>
/// Reads batch instances written either as objects (<c>{"sepalLength":5.1,…}</c>) or as arrays of the
/// four measurements in the documented order (<c>[5.1,3.5,1.4,0.2]</c>, KServe V1 style, a few times smaller).
/// </summary>
public sealed class FlowerListConverter : JsonConverter<List<PredictRequest>>
{
    public override List<PredictRequest> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InstanceFormatException("instances must be an array.");
        }

        var flowers = new List<PredictRequest>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            flowers.Add(reader.TokenType switch
            {
                JsonTokenType.StartObject => JsonSerializer.Deserialize(ref reader, PredictionJsonContext.Default.PredictRequest)
                    ?? throw new InstanceFormatException("An instance is null."),
                JsonTokenType.StartArray => ReadArray(ref reader),
                _ => throw new InstanceFormatException("Each instance must be an object or an array of four numbers."),
            });
        }
        return flowers;
    }

    public override void Write(Utf8JsonWriter writer, List<PredictRequest> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, PredictionJsonContext.Default.ListPredictRequest);

    private static PredictRequest ReadArray(ref Utf8JsonReader reader)
    {
        Span<double> values = stackalloc double[4];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || count == 4)
            {
                throw new InstanceFormatException("An array instance must hold exactly four numbers: sepalLength, sepalWidth, petalLength, petalWidth.");
            }
            if (!reader.TryGetDouble(out values[count++]) || !double.IsFinite(values[count - 1]))
            {
                throw new InstanceFormatException("An array instance holds a number that is not a finite double.");
            }
        }
        if (count != 4)
        {
            throw new InstanceFormatException("An array instance must hold exactly four numbers: sepalLength, sepalWidth, petalLength, petalWidth.");
        }
        return new PredictRequest { SepalLength = values[0], SepalWidth = values[1], PetalLength = values[2], PetalWidth = values[3] };
    }
}

/// <summary>A batch instance in neither accepted shape; its message states the rule for the client.</summary>
public sealed class InstanceFormatException(string message) : JsonException(message);
