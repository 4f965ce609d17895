using Iris.Predictor.Prediction;

namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>The shipped data and model, as copied beside the tests, and a few flowers from Fisher's table.</summary>
public static class TestData
{
    public static string CsvPath { get; } = Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    public static string ModelPath { get; } = Path.Combine(AppContext.BaseDirectory, "Model", "iris.zip");

    /// <summary>Rows 1, 51 and 101 of the data: the first flower of each species.</summary>
    public static TheoryData<double, double, double, double, string> FirstOfEachSpecies => new()
    {
        { 5.1, 3.5, 1.4, 0.2, Species.Setosa },
        { 7.0, 3.2, 4.7, 1.4, Species.Versicolor },
        { 6.3, 3.3, 6.0, 2.5, Species.Virginica },
    };
}
