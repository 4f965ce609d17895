namespace Iris.Predictor.Training;

/// <summary>
/// <c>dotnet run --project Iris.Predictor -- train [--data PATH] [--output PATH]</c>:
/// trains on the shipped CSV and writes the model file that the service loads.
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        var projectDirectory = FindProjectDirectory();
        var dataPath = OptionValue(args, "--data") ?? Path.Combine(projectDirectory, "Data", "iris.csv");
        var outputPath = OptionValue(args, "--output") ?? Path.Combine(projectDirectory, "Model", "iris.zip");

        if (!File.Exists(dataPath))
        {
            Console.Error.WriteLine($"Training data not found: {dataPath}");
            return 1;
        }

        var (ml, model, schema) = IrisTrainer.Train(dataPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        ml.Model.Save(model, schema, outputPath);

        Console.WriteLine($"Trained on {dataPath}; model written to {outputPath}");
        return 0;
    }

    private static string? OptionValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    // `dotnet run --project Iris.Predictor` keeps the caller's directory: accept the repository root or the project folder.
    private static string FindProjectDirectory() =>
        File.Exists("Iris.Predictor.csproj") ? "." : "Iris.Predictor";
}
