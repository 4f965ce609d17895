using Iris.Predictor.Model;
using Iris.Predictor.Flowers;


namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>The shipped data and model, as copied beside the tests, and a few flowers from Fisher's table.</summary>
public static class TestData
{
    public static string CsvPath { get; } = Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv");

    public static ModelFiles CommittedModel { get; } = new(Path.Combine(AppContext.BaseDirectory, "TrainedModel", "iris.zip"));

    /// <summary>Rows 1, 51 and 101 of the data: the first flower of each species.</summary>
    public static TheoryData<float, float, float, float, string> FirstOfEachSpecies => new()
    {
        { 5.1f, 3.5f, 1.4f, 0.2f, Species.Setosa },
        { 7.0f, 3.2f, 4.7f, 1.4f, Species.Versicolor },
        { 6.3f, 3.3f, 6.0f, 2.5f, Species.Virginica },
    };

    /// <summary>Every row of the shipped CSV: measurements and label.</summary>
    public static IReadOnlyList<(IrisMeasurements Flower, string Species)> Rows { get; } =
        [.. File.ReadAllLines(CsvPath).Skip(1).Select(line => line.Split(',')).Select(fields =>
        {
            var v = fields[..4].Select(field => float.Parse(field, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return (new IrisMeasurements(v[0], v[1], v[2], v[3]), fields[4]);
        })];

    /// <summary>A private copy of the committed model pair, for tests that overwrite or corrupt it.</summary>
    public static ModelFiles CopyOfCommittedModel()
    {
        var directory = Directory.CreateTempSubdirectory("iris-model-");
        var copy = new ModelFiles(Path.Combine(directory.FullName, "iris.zip"));
        File.Copy(CommittedModel.ModelPath, copy.ModelPath);
        File.Copy(CommittedModel.MetadataPath, copy.MetadataPath);
        return copy;
    }
}
