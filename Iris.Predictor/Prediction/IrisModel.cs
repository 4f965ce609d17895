using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Iris.Predictor.Prediction;

/// <summary>
/// A trained Iris classifier loaded from its <c>.zip</c>, scoring through pooled prediction engines
/// (a <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe and costs ~0.5 ms to create).
/// </summary>
public sealed class IrisModel
{
    private readonly ObjectPool<PredictionEngine<IrisRow, IrisScore>> _engines;

    private IrisModel(MLContext ml, ITransformer transformer, string version)
    {
        Version = version;
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 4 }
            .Create(new EnginePolicy(ml, transformer));

        // The order of the scores is the order of the label's key values: read it from the model.
        var engine = _engines.Get();
        try
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            engine.OutputSchema[nameof(IrisScore.Score)].GetSlotNames(ref names);
            Classes = [.. names.DenseValues().Select(name => name.ToString())];
        }
        finally
        {
            _engines.Return(engine);
        }

        if (!Classes.Order().SequenceEqual(Species.All.Order()))
        {
            throw new InvalidDataException(
                $"The model's classes are [{string.Join(", ", Classes)}], expected [{string.Join(", ", Species.All)}].");
        }
    }

    /// <summary>Derived from the model's content (not its file's timestamps), so the same model has the same version.</summary>
    public string Version { get; }

    /// <summary>The species in the order of <see cref="IrisScore.Score"/>.</summary>
    public IReadOnlyList<string> Classes { get; }

    public static IrisModel Load(string path)
    {
        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(path, out _);
        return new IrisModel(ml, transformer, ComputeVersion(path));
    }

    public IrisPrediction Predict(IrisMeasurements flower)
    {
        var row = new IrisRow
        {
            SepalLength = (float)flower.SepalLength,
            SepalWidth = (float)flower.SepalWidth,
            PetalLength = (float)flower.PetalLength,
            PetalWidth = (float)flower.PetalWidth,
        };

        var engine = _engines.Get();
        IrisScore score;
        try
        {
            score = engine.Predict(row);
        }
        finally
        {
            _engines.Return(engine);
        }

        var probabilities = new Dictionary<string, float>(Species.All.Count);
        foreach (var species in Species.All)
        {
            probabilities[species] = 0f;
        }
        for (var i = 0; i < Classes.Count; i++)
        {
            probabilities[Classes[i]] = score.Score[i];
        }

        return new IrisPrediction(score.Species, probabilities, Version);
    }

    private static string ComputeVersion(string path)
    {
        // Hash the entries' names and bytes in order; the zip's own metadata holds write times.
        using var archive = ZipFile.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in archive.Entries.OrderBy(entry => entry.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(entry.FullName));
            using var stream = entry.Open();
            var buffer = new byte[8192];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer)
        : PooledObjectPolicy<PredictionEngine<IrisRow, IrisScore>>
    {
        public override PredictionEngine<IrisRow, IrisScore> Create() =>
            ml.Model.CreatePredictionEngine<IrisRow, IrisScore>(transformer);

        public override bool Return(PredictionEngine<IrisRow, IrisScore> engine) => true;
    }
}
