namespace Iris.Testing;

/// <summary>Flowers from Fisher's data, as the prediction API takes them.</summary>
public static class ExampleFlowers
{
    /// <summary>Row 101.</summary>
    public static object Virginica { get; } = new { sepalLength = 6.3, sepalWidth = 3.3, petalLength = 6.0, petalWidth = 2.5 };
}
