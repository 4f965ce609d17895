using Iris.Predictor.Model;
using Iris.Predictor.Training;

namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>A model trained by the real training command into a temporary folder, once per test class (training takes seconds).</summary>
public abstract class TrainedModel : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("iris-trained-").FullName;

    protected TrainedModel(int? rows, Func<string, string>? relabel = null)
    {
        var csv = TestData.CsvPath;
        if (rows is not null || relabel is not null)
        {
            csv = Path.Combine(_directory, "subset.csv");
            var lines = File.ReadAllLines(TestData.CsvPath).Take((rows ?? int.MaxValue - 1) + 1);
            File.WriteAllLines(csv, relabel is null ? lines : lines.Select((line, i) => i == 0 ? line : relabel(line)));
        }
        Files = new ModelFiles(Path.Combine(_directory, "model", "iris.zip"));
        Metadata = TrainCommand.TrainAndSave(csv, Files.ModelPath);
    }

    public ModelFiles Files { get; }

    public ModelMetadata Metadata { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>Trained on all 150 shipped rows: what the committed model must equal.</summary>
public sealed class RetrainedModel() : TrainedModel(rows: null);

/// <summary>Trained on the first 120 rows only (all three species): a different, valid model to swap in.</summary>
public sealed class OtherValidModel() : TrainedModel(rows: 120);

/// <summary>
/// Trained on all rows with the species named as in Fisher's original table ("Iris-setosa"…): a valid
/// ML.NET model whose classes are not the ones Iris serves.
/// </summary>
public sealed class WrongClassesModel() : TrainedModel(rows: null, relabel: line =>
    line[..(line.LastIndexOf(',') + 1)] + "Iris-" + line[(line.LastIndexOf(',') + 1)..]);
