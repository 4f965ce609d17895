using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iris.Predictor.Inference.Rest;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ServerMetadata))]
[JsonSerializable(typeof(ServerLive))]
[JsonSerializable(typeof(ServerReady))]
[JsonSerializable(typeof(ModelReady))]
[JsonSerializable(typeof(ModelMetadataResponse))]
[JsonSerializable(typeof(InferenceError))]
public sealed partial class InferenceJsonContext : JsonSerializerContext
{
    /// <summary>As sent to clients: JSON for machines, so quotes and apostrophes in messages stay unescaped.</summary>
    // Built on first use: the generated Default is another static of this partial class.
    public static InferenceJsonContext Api => field ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
