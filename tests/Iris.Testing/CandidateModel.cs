using System.Diagnostics;
using System.Text.Json;

namespace Iris.Testing;

/// <summary>
/// A candidate model made as docs/canary.md says, with the predictor's <c>train</c> command: here on the
/// training data without its last 30 rows, so that its version differs from the stable model's.
/// </summary>
public static class CandidateModel
{
    /// <summary>Trains into <paramref name="directory"/>; the model file's path and its version.</summary>
    public static (string Path, string Version) TrainInto(string directory)
    {
        var data = Path.Combine(directory, "iris-candidate.csv");
        File.WriteAllLines(data, File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Iris.Predictor", "Data", "iris.csv"))[..^30]);
        var model = Path.Combine(directory, "iris.zip");

        var start = new ProcessStartInfo("dotnet", [ServiceProcess.AssemblyOf("Iris.Predictor"), "train", "--data", data, "--output", model])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var train = Process.Start(start) ?? throw new InvalidOperationException("The train command did not start.");
        var output = train.StandardOutput.ReadToEndAsync();
        var errors = train.StandardError.ReadToEndAsync();
        if (!train.WaitForExit(TimeSpan.FromMinutes(3)) || train.ExitCode != 0)
        {
            train.Kill();
            throw new InvalidOperationException($"The train command failed: {output.Result}{errors.Result}");
        }

        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "model.json")));
        return (model, metadata.RootElement.GetProperty("version").GetString()!);
    }
}
