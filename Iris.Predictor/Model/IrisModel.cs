using Iris.Predictor.Flowers;
using Microsoft.ML;

namespace Iris.Predictor.Model;

/// <summary>
/// A trained Iris classifier, already validated (<see cref="ModelLoader"/>): scores flowers
/// and warns of measurements far outside what it was trained on. Immutable: a new model file gives
/// a new instance, so requests in flight finish on the one they started with.
/// </summary>
public sealed class IrisModel
{
    /// <summary>The name the model is trained under and served by (<c>/v2/models/iris</c>, the gRPC <c>model_name</c>).</summary>
    public const string Name = "iris";

    /// <summary>A value this far outside the training range, as a fraction of that range, draws a warning.</summary>
    public const float FarOutsideFraction = 0.25f;

    private readonly EnginePool _engines;

    // Index in IrisScore.Score of each species in Species.All order.
    private readonly int[] _scoreIndex;

    internal IrisModel(EnginePool engines, ModelMetadata metadata, int[] scoreIndex)
    {
        _engines = engines;
        Metadata = metadata;
        _scoreIndex = scoreIndex;
    }

    public ModelMetadata Metadata { get; }

    public string Version => Metadata.Version;

    /// <summary>What one prediction costs, measured when the model was loaded; the cache's policy weighs it.</summary>
    public TimeSpan ScoringTime { get; internal set; }

    public IrisPrediction Predict(IrisMeasurements flower) =>
        _engines.Use((Model: this, Flower: flower), static (engine, call) => call.Model.Score(engine, call.Flower, new IrisRow(), new IrisScore()));

    /// <summary>Scores many flowers with one engine; far cheaper per row than <c>Transform</c> over an IDataView.</summary>
    public IrisPrediction[] PredictBatch(IReadOnlyList<IrisMeasurements> flowers) =>
        _engines.Use((Model: this, Flowers: flowers), static (engine, call) =>
        {
            // One input row and one output buffer for the whole batch.
            var row = new IrisRow();
            var score = new IrisScore();
            var predictions = new IrisPrediction[call.Flowers.Count];
            for (var i = 0; i < predictions.Length; i++)
            {
                predictions[i] = call.Model.Score(engine, call.Flowers[i], row, score);
            }
            return predictions;
        });

    /// <summary>Warnings for measurements far outside the training range; null when there are none.</summary>
    public IReadOnlyList<string>? WarningsFor(IrisMeasurements flower)
    {
        List<string>? warnings = null;
        Span<float> values = [flower.SepalLength, flower.SepalWidth, flower.PetalLength, flower.PetalWidth];
        for (var i = 0; i < values.Length; i++)
        {
            var feature = Metadata.Features[i];
            var margin = (feature.TrainingMax - feature.TrainingMin) * FarOutsideFraction;
            if (values[i] < feature.TrainingMin - margin || values[i] > feature.TrainingMax + margin)
            {
                (warnings ??= []).Add(
                    $"{feature.Name} {values[i]} {feature.Unit} is far outside the training range " +
                    $"{feature.TrainingMin}–{feature.TrainingMax} {feature.Unit}; the prediction may be unreliable.");
            }
        }
        return warnings;
    }

    private IrisPrediction Score(PredictionEngine<IrisRow, IrisScore> engine, IrisMeasurements flower, IrisRow row, IrisScore score)
    {
        row.SepalLength = flower.SepalLength;
        row.SepalWidth = flower.SepalWidth;
        row.PetalLength = flower.PetalLength;
        row.PetalWidth = flower.PetalWidth;
        engine.Predict(row, ref score);

        var probabilities = new SpeciesProbabilities(
            score.Score[_scoreIndex[0]], score.Score[_scoreIndex[1]], score.Score[_scoreIndex[2]]);
        var best = 0;
        for (var i = 1; i < _scoreIndex.Length; i++)
        {
            if (score.Score[_scoreIndex[i]] > score.Score[_scoreIndex[best]])
            {
                best = i;
            }
        }
        return new IrisPrediction(Species.All[best], probabilities, Version, WarningsFor(flower));
    }
}
