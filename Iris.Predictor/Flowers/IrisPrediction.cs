using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Iris.Predictor.Flowers;

/// <summary>What the model says of one flower.</summary>
/// <param name="Species">One of <see cref="Species.All"/>.</param>
/// <param name="Probabilities">A probability for each species; they sum to 1.</param>
/// <param name="ModelVersion">The version of the model that scored this flower.</param>
/// <param name="Warnings">Present when a measurement lies far outside what the model was trained on.</param>
// Immutable as HybridCache understands it: an in-process hit returns this instance instead of a deserialised copy.
[ImmutableObject(true)]
public sealed record IrisPrediction(
    string Species,
    SpeciesProbabilities Probabilities,
    string ModelVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);
