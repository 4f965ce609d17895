using System.Security.Cryptography;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;

namespace Iris.Predictor.Training;

/// <summary>
/// <c>dotnet run --project Iris.Predictor -- train [--data PATH] [--output PATH]</c>:
/// cross-validates, fits on every row, and writes the model file and its <c>model.json</c>.
/// </summary>
public static class TrainCommand
{
    public const string TrainerName = "SdcaMaximumEntropy";

    public static int Run(string[] args)
    {
        var options = new ConfigurationBuilder().AddCommandLine(args).Build();
        var projectDirectory = FindProjectDirectory();
        var dataPath = options["data"] ?? Path.Combine(projectDirectory, "Data", "iris.csv");
        var outputPath = options["output"] ?? Path.Combine(projectDirectory, "TrainedModel", "iris.zip");

        if (!File.Exists(dataPath))
        {
            Console.Error.WriteLine($"Training data not found: {dataPath}");
            return 1;
        }

        var metadata = TrainAndSave(dataPath, outputPath);
        var evaluation = metadata.Evaluation;
        Console.WriteLine($"Trained {metadata.Name} {metadata.Version} ({metadata.Trainer}) on {metadata.TrainingData.Rows} rows of {dataPath}");
        Console.WriteLine($"{evaluation.Folds}-fold cross-validation: macro accuracy {evaluation.MacroAccuracy:F4}, log-loss {evaluation.LogLoss:F4}");
        Console.WriteLine($"Wrote {outputPath} and {new ModelFiles(outputPath).MetadataPath}");
        return 0;
    }

    /// <summary>Trains on <paramref name="dataPath"/> and writes the model pair; the metadata first, so the pair is complete when the model changes.</summary>
    public static ModelMetadata TrainAndSave(string dataPath, string outputPath)
    {
        var result = IrisTrainer.Train(dataPath);
        var files = new ModelFiles(outputPath);

        // The version comes from the saved content: save to a scratch file first to learn it.
        var scratch = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid():N}.zip");
        try
        {
            result.Ml.Model.Save(result.Model, result.InputSchema, scratch);
            var metadata = new ModelMetadata(
                IrisModel.Name,
                ModelFiles.VersionOf(scratch),
                TrainerName,
                IrisTrainer.Parameters,
                result.Features,
                Species.All,
                result.Evaluation,
                new TrainingDataInfo(Path.GetFileName(dataPath), result.Rows, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dataPath)))));

            files.WriteMetadata(metadata);
            ModelFiles.WriteAtomically(outputPath, path => File.Copy(scratch, path, overwrite: true));
            return metadata;
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    // `dotnet run --project Iris.Predictor` keeps the caller's directory: accept the repository root or the project folder.
    private static string FindProjectDirectory() =>
        File.Exists("Iris.Predictor.csproj") ? "." : "Iris.Predictor";
}
