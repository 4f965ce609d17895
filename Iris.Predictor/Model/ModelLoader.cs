using System.Diagnostics;
using Iris.Predictor.Flowers;
using Microsoft.ML.Data;
using Microsoft.ML;

namespace Iris.Predictor.Model;

/// <summary>
/// Turns a model's files into an <see cref="IrisModel"/> only when they can be served: the metadata
/// describes this very model file, the file is an ML.NET model, its classes are the three species,
/// and it scores a probability distribution. Then it times the model's scoring.
/// </summary>
public static class ModelLoader
{
    // One flower of each training extreme.
    private static readonly IrisMeasurements[] CheckFlowers = [new(5.1f, 3.5f, 1.4f, 0.2f), new(6.3f, 3.3f, 6.0f, 2.5f)];

    /// <summary>Throws <see cref="InvalidDataException"/> or an I/O error when the files are unusable.</summary>
    public static IrisModel Load(ModelFiles files)
    {
        var metadata = files.ReadMetadata();
        var version = ModelFiles.VersionOf(files.ModelPath);
        if (version != metadata.Version)
        {
            throw new InvalidDataException(
                $"{files.MetadataPath} describes model {metadata.Version} but {files.ModelPath} is {version}.");
        }

        var ml = new MLContext(seed: 0);
        ITransformer transformer;
        try
        {
            transformer = ml.Model.Load(files.ModelPath, out _);
        }
        catch (Exception ex) when (ex is not IOException)
        {
            throw new InvalidDataException($"{files.ModelPath} is not an ML.NET model: {ex.Message}", ex);
        }

        var engines = new EnginePool(ml, transformer);
        var classes = engines.Use(0, static (engine, _) =>
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            engine.OutputSchema[nameof(IrisScore.Score)].GetSlotNames(ref names);
            return names.DenseValues().Select(name => name.ToString()).ToList();
        });
        if (!classes.Order().SequenceEqual(Species.All.Order()) || !metadata.Classes.SequenceEqual(Species.All))
        {
            throw new InvalidDataException(
                $"The model's classes are [{string.Join(", ", classes)}] and its metadata's [{string.Join(", ", metadata.Classes)}]; expected [{string.Join(", ", Species.All)}].");
        }

        var model = new IrisModel(engines, metadata, [.. Species.All.Select(species => classes.IndexOf(species))]);
        CheckScores(model);
        model.ScoringTime = TimeScoring(model);
        return model;
    }

    /// <summary>A model that loads can still be garbage: its answer must be a distribution over the species.</summary>
    private static void CheckScores(IrisModel model)
    {
        foreach (var flower in CheckFlowers)
        {
            var prediction = model.Predict(flower);
            var probabilities = prediction.Probabilities.ToArray();
            if (!Species.All.Contains(prediction.Species)
                || probabilities.Any(p => !float.IsFinite(p) || p < 0 || p > 1)
                || Math.Abs(prediction.Probabilities.Sum - 1) > 1e-3)
            {
                throw new InvalidDataException($"The model scores {flower} as {prediction}: not a probability distribution over the species.");
            }
        }
    }

    /// <summary>
    /// The mean prediction of the fastest of 10 rounds of 10, so that a thread descheduled on a busy
    /// node does not make a fast model look slow; a slow model stops after about 50 ms.
    /// </summary>
    private static TimeSpan TimeScoring(IrisModel model)
    {
        var budget = Stopwatch.GetTimestamp();
        var fastest = TimeSpan.MaxValue;
        for (var round = 0; round < 10 && (round == 0 || Stopwatch.GetElapsedTime(budget) < TimeSpan.FromMilliseconds(50)); round++)
        {
            var start = Stopwatch.GetTimestamp();
            var count = 0;
            do
            {
                model.Predict(CheckFlowers[count % CheckFlowers.Length]);
                count++;
            }
            while (count < 10 && Stopwatch.GetElapsedTime(budget) < TimeSpan.FromMilliseconds(50));
            fastest = TimeSpan.FromTicks(Math.Min(fastest.Ticks, (Stopwatch.GetElapsedTime(start) / count).Ticks));
        }
        return fastest;
    }
}
