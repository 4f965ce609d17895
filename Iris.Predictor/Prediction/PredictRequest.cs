using System.ComponentModel.DataAnnotations;

namespace Iris.Predictor.Prediction;

/// <summary>The body of <c>POST /predict</c>: a flower's measurements in centimetres.</summary>
public sealed record PredictRequest
{
    private const string OutOfRange = "{0} must be a number greater than 0 and at most 100 (centimetres).";

    [Required, Range(0d, 100d, MinimumIsExclusive = true, ErrorMessage = OutOfRange)]
    public double? SepalLength { get; init; }

    [Required, Range(0d, 100d, MinimumIsExclusive = true, ErrorMessage = OutOfRange)]
    public double? SepalWidth { get; init; }

    [Required, Range(0d, 100d, MinimumIsExclusive = true, ErrorMessage = OutOfRange)]
    public double? PetalLength { get; init; }

    [Required, Range(0d, 100d, MinimumIsExclusive = true, ErrorMessage = OutOfRange)]
    public double? PetalWidth { get; init; }

    /// <summary>Only called once validation has passed, so every value is present.</summary>
    public IrisMeasurements ToMeasurements() =>
        new(SepalLength!.Value, SepalWidth!.Value, PetalLength!.Value, PetalWidth!.Value);
}
