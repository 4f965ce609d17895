using System.ComponentModel.DataAnnotations;
using Iris.Web.Prediction;

namespace Iris.Web.Tests.Components;

/// <summary>The form's rules, which must match the predictor's: finite, greater than 0, at most 100.</summary>
public sealed class MeasurementsFormTests
{
    private static List<ValidationResult> Validate(double? sepalLength)
    {
        var form = new MeasurementsForm { SepalLength = sepalLength, SepalWidth = 3.5, PetalLength = 1.4, PetalWidth = 0.2 };
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        return results;
    }

    [Theory]
    [InlineData(5.1)]
    [InlineData(0.01)]
    [InlineData(100)]
    public void AcceptsMeasurementsInRange(double value)
    {
        Assert.Empty(Validate(value));
    }

    [Theory]
    [InlineData(null, "Enter the sepal length.")]
    [InlineData(0d, "Enter a number greater than 0 and at most 100.")]
    [InlineData(-1d, "Enter a number greater than 0 and at most 100.")]
    [InlineData(100.5, "Enter a number greater than 0 and at most 100.")]
    [InlineData(double.NaN, "Enter a number greater than 0 and at most 100.")]
    [InlineData(double.PositiveInfinity, "Enter a number greater than 0 and at most 100.")]
    public void RefusesWhatThePredictorRefuses(double? value, string message)
    {
        var error = Assert.Single(Validate(value));
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal([nameof(MeasurementsForm.SepalLength)], error.MemberNames);
    }
}
