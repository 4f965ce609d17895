using Iris.Predictor.Prediction;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Iris.Predictor.Training;

/// <summary>Trains the Iris classifier from the shipped CSV, deterministically.</summary>
public static class IrisTrainer
{
    private const string LabelColumn = "Label";
    private const string FeaturesColumn = "Features";

    public static (MLContext Ml, ITransformer Model, DataViewSchema InputSchema) Train(string csvPath)
    {
        // A fixed seed and one thread: the same data always gives the same model.
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromTextFile<IrisRow>(csvPath, separatorChar: ',', hasHeader: true);

        var pipeline = ml.Transforms.Conversion.MapValueToKey(LabelColumn, nameof(IrisRow.Species))
            .Append(ml.Transforms.Concatenate(FeaturesColumn,
                nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth),
                nameof(IrisRow.PetalLength), nameof(IrisRow.PetalWidth)))
            // SDCA converges far better on features scaled to [0, 1].
            .Append(ml.Transforms.NormalizeMinMax(FeaturesColumn))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = FeaturesColumn,
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        return (ml, pipeline.Fit(data), data.Schema);
    }
}
