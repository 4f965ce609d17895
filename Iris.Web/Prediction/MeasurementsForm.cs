using System.ComponentModel.DataAnnotations;
using Iris.Contracts;
using Iris.Web.Flowers;

namespace Iris.Web.Prediction;

/// <summary>The form's four measurements, with the same rules the predictor applies.</summary>
public sealed class MeasurementsForm
{
    private const string OutOfRange = "Enter a number " + MeasurementRule.Description + ".";

    [Display(Name = "Sepal length"), Required(ErrorMessage = "Enter the sepal length."), Measurement(ErrorMessage = OutOfRange)]
    public double? SepalLength { get; set; }

    [Display(Name = "Sepal width"), Required(ErrorMessage = "Enter the sepal width."), Measurement(ErrorMessage = OutOfRange)]
    public double? SepalWidth { get; set; }

    [Display(Name = "Petal length"), Required(ErrorMessage = "Enter the petal length."), Measurement(ErrorMessage = OutOfRange)]
    public double? PetalLength { get; set; }

    [Display(Name = "Petal width"), Required(ErrorMessage = "Enter the petal width."), Measurement(ErrorMessage = OutOfRange)]
    public double? PetalWidth { get; set; }

    public static MeasurementsForm From(IrisMeasurements flower) => new()
    {
        SepalLength = flower.SepalLength,
        SepalWidth = flower.SepalWidth,
        PetalLength = flower.PetalLength,
        PetalWidth = flower.PetalWidth,
    };

    /// <summary>The measurements once the form is valid (every value present).</summary>
    public IrisMeasurements ToMeasurements() => new(SepalLength ?? 0, SepalWidth ?? 0, PetalLength ?? 0, PetalWidth ?? 0);
}
