using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML;

namespace Iris.Predictor.Training;

/// <summary>
/// Trains the Iris classifier from the shipped CSV, deterministically: a fixed seed and one thread,
/// so the same data always gives the same model. Five-fold cross-validation measures its quality,
/// then a final fit uses every row.
/// </summary>
public static class IrisTrainer
{
    public const int Folds = 5;

    private const string LabelColumn = "Label";
    private const string FeaturesColumn = "Features";

    /// <summary>
    /// SDCA maximum entropy on min–max normalised features: in cross-validation it beat a stronger L2,
    /// L-BFGS with default regularisation and tree ensembles, which also cost far more to score
    /// (BENCHMARKS.md, "Choosing the trainer").
    /// </summary>
    public static TrainerParameters Parameters { get; } = new(
        Normalization: "MinMax",
        L2Regularization: 1e-6f,
        L1Regularization: 0f,
        MaximumNumberOfIterations: 1000,
        NumberOfThreads: 1,
        Seed: 0);

    public static TrainingResult Train(string csvPath)
    {
        var ml = new MLContext(seed: Parameters.Seed);
        var data = ml.Data.LoadFromTextFile<IrisRow>(csvPath, separatorChar: ',', hasHeader: true);
        var pipeline = BuildPipeline(ml);

        var folds = ml.MulticlassClassification.CrossValidate(data, pipeline, Folds, LabelColumn, seed: Parameters.Seed);
        var evaluation = Summarise(folds.Select(fold => fold.Metrics).ToList());

        var model = pipeline
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);

        var rows = ml.Data.CreateEnumerable<IrisRow>(data, reuseRowObject: false).ToList();
        return new TrainingResult(ml, model, data.Schema, evaluation, FeatureRanges(rows), rows.Count);
    }

    private static IEstimator<ITransformer> BuildPipeline(MLContext ml) =>
        // Keys by value: the classes are always in alphabetical order, whatever the row order.
        ml.Transforms.Conversion.MapValueToKey(LabelColumn, nameof(IrisRow.Species),
                keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Concatenate(FeaturesColumn,
                nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth),
                nameof(IrisRow.PetalLength), nameof(IrisRow.PetalWidth)))
            // SDCA converges far better on features scaled to [0, 1].
            .Append(ml.Transforms.NormalizeMinMax(FeaturesColumn))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = FeaturesColumn,
                L2Regularization = Parameters.L2Regularization,
                L1Regularization = Parameters.L1Regularization,
                MaximumNumberOfIterations = Parameters.MaximumNumberOfIterations,
                NumberOfThreads = Parameters.NumberOfThreads,
            }));

    private static ModelEvaluation Summarise(IReadOnlyList<MulticlassClassificationMetrics> folds)
    {
        var classes = folds[0].ConfusionMatrix.NumberOfClasses;
        var matrix = new long[classes][];
        for (var actual = 0; actual < classes; actual++)
        {
            matrix[actual] = new long[classes];
            for (var predicted = 0; predicted < classes; predicted++)
            {
                matrix[actual][predicted] = (long)folds.Sum(fold => fold.ConfusionMatrix.Counts[actual][predicted]);
            }
        }

        return new ModelEvaluation(
            folds.Count,
            Math.Round(folds.Average(fold => fold.MacroAccuracy), 6),
            Math.Round(folds.Average(fold => fold.MicroAccuracy), 6),
            Math.Round(folds.Average(fold => fold.LogLoss), 6),
            matrix);
    }

    private static IReadOnlyList<FeatureInfo> FeatureRanges(IReadOnlyList<IrisRow> rows) =>
        [
            Range("sepalLength", rows.Select(row => row.SepalLength)),
            Range("sepalWidth", rows.Select(row => row.SepalWidth)),
            Range("petalLength", rows.Select(row => row.PetalLength)),
            Range("petalWidth", rows.Select(row => row.PetalWidth)),
        ];

    private static FeatureInfo Range(string name, IEnumerable<float> values) => new(name, "cm", values.Min(), values.Max());
}

public sealed record TrainingResult(
    MLContext Ml,
    ITransformer Model,
    DataViewSchema InputSchema,
    ModelEvaluation Evaluation,
    IReadOnlyList<FeatureInfo> Features,
    int Rows);
