using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Iris.Predictor.Flowers;

namespace Iris.Predictor.Prediction;

/// <summary>
/// The body of <c>POST /predict/batch</c>: up to <see cref="MaxInstances"/> flowers, each an object like
/// <c>POST /predict</c>'s or, more compactly, an array <c>[sepalLength, sepalWidth, petalLength, petalWidth]</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BatchPredictRequest
{
    public const int MaxInstances = 1_000;

    [Display(Name = "instances")]
    [Required(ErrorMessage = "{0} is required.")]
    [Length(1, MaxInstances, ErrorMessage = "{0} must hold between 1 and 1000 flowers.")]
    [JsonConverter(typeof(FlowerListConverter))]
    public List<PredictRequest>? Instances { get; init; }

    /// <summary>The attributes' rules without their reflection: between 1 and 1,000 flowers, each following <see cref="PredictRequest"/>'s.</summary>
    [JsonIgnore]
    public bool FollowsTheRules => Instances is { Count: >= 1 and <= MaxInstances } instances && instances.TrueForAll(instance => instance.FollowsTheRules);

    /// <summary>Every broken rule, keyed by the JSON field a client sent (<c>instances[3].sepalLength</c>).</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = AttributeValidation.Errors(this);
        for (var i = 0; i < Instances?.Count; i++)
        {
            AttributeValidation.Collect(Instances[i], $"instances[{i}].", errors);
        }
        return errors;
    }
}

/// <summary>The answer of <c>POST /predict/batch</c>, in the order of the instances.</summary>
public sealed record BatchPredictResponse(IReadOnlyList<IrisPrediction> Predictions);
