using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Training;

/// <summary>Retrains from the shipped CSV with the real training command and compares with what is committed.</summary>
public sealed class TrainingTests(RetrainedModel retrained) : IClassFixture<RetrainedModel>
{
    [Fact]
    public void RetrainingReproducesTheCommittedModelAndMetadata()
    {
        var committed = TestData.CommittedModel.ReadMetadata();

        Assert.Equal(committed.Version, retrained.Metadata.Version);
        Assert.Equal(committed.Version, ModelFiles.VersionOf(retrained.Files.ModelPath));
        Assert.Equal(File.ReadAllText(TestData.CommittedModel.MetadataPath), File.ReadAllText(retrained.Files.MetadataPath));
    }

    [Fact]
    public void CrossValidatedQualityMeetsTheTarget()
    {
        var evaluation = retrained.Metadata.Evaluation;

        Assert.Equal(5, evaluation.Folds);
        Assert.True(evaluation.MacroAccuracy >= 0.96, $"macro accuracy {evaluation.MacroAccuracy}");
        Assert.True(evaluation.LogLoss <= 0.10, $"log-loss {evaluation.LogLoss}");
    }

    [Fact]
    public void ConfusionMatrixCoversEveryFlowerOnce()
    {
        var matrix = retrained.Metadata.Evaluation.ConfusionMatrix;

        Assert.Equal(3, matrix.Count);
        // Each flower is held out in exactly one fold: 50 per actual species.
        Assert.All(matrix, row => Assert.Equal(50, row.Sum()));
    }

    [Fact]
    public void MetadataDescribesFeaturesClassesAndData()
    {
        var metadata = retrained.Metadata;

        Assert.Equal("iris", metadata.Name);
        Assert.Equal(["sepalLength", "sepalWidth", "petalLength", "petalWidth"], metadata.Features.Select(f => f.Name));
        Assert.All(metadata.Features, f => Assert.Equal("cm", f.Unit));
        Assert.Equal((4.3f, 7.9f), (metadata.Features[0].TrainingMin, metadata.Features[0].TrainingMax));
        Assert.Equal((0.1f, 2.5f), (metadata.Features[3].TrainingMin, metadata.Features[3].TrainingMax));
        Assert.Equal(Species.All, metadata.Classes);
        Assert.Equal(150, metadata.TrainingData.Rows);
        Assert.Equal(1, metadata.HyperParameters.NumberOfThreads);
    }
}
