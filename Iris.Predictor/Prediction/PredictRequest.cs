using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Iris.Contracts;
using Iris.Predictor.Flowers;

namespace Iris.Predictor.Prediction;

/// <summary>The body of <c>POST /predict</c>, and one instance of a batch: a flower's measurements in centimetres.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PredictRequest
{
    private const string Rule = "{0} must be a finite number " + MeasurementRule.Description + " (centimetres).";

    [Display(Name = "sepalLength"), Required(ErrorMessage = "{0} is required."), Measurement(ErrorMessage = Rule)]
    public double? SepalLength { get; init; }

    [Display(Name = "sepalWidth"), Required(ErrorMessage = "{0} is required."), Measurement(ErrorMessage = Rule)]
    public double? SepalWidth { get; init; }

    [Display(Name = "petalLength"), Required(ErrorMessage = "{0} is required."), Measurement(ErrorMessage = Rule)]
    public double? PetalLength { get; init; }

    [Display(Name = "petalWidth"), Required(ErrorMessage = "{0} is required."), Measurement(ErrorMessage = Rule)]
    public double? PetalWidth { get; init; }

    /// <summary>The attributes' rules on the common path, without their reflection: every measurement present and allowed.</summary>
    [JsonIgnore]
    public bool FollowsTheRules =>
        MeasurementRule.Allows(SepalLength) && MeasurementRule.Allows(SepalWidth) && MeasurementRule.Allows(PetalLength) && MeasurementRule.Allows(PetalWidth);

    /// <summary>Only called once validation has passed, so every value is present and in range.</summary>
    public IrisMeasurements ToMeasurements() =>
        new((float)SepalLength!.Value, (float)SepalWidth!.Value, (float)PetalLength!.Value, (float)PetalWidth!.Value);
}
