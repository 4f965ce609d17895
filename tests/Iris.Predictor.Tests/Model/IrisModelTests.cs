using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Model;

public sealed class IrisModelTests
{
    private static readonly Lazy<IrisModel> Committed = new(() => ModelLoader.Load(TestData.CommittedModel));

    [Theory]
    [MemberData(nameof(TestData.FirstOfEachSpecies), MemberType = typeof(TestData))]
    public void CommittedModelNamesTheSpeciesOfKnownFlowers(float sl, float sw, float pl, float pw, string species)
    {
        var prediction = Committed.Value.Predict(new IrisMeasurements(sl, sw, pl, pw));

        Assert.Equal(species, prediction.Species);
        Assert.Equal(prediction.Probabilities.ToArray().Max(), prediction.Probabilities[species]);
    }

    [Theory]
    [MemberData(nameof(TestData.FirstOfEachSpecies), MemberType = typeof(TestData))]
    public void ProbabilitiesAreADistributionOverTheThreeSpecies(float sl, float sw, float pl, float pw, string _)
    {
        var prediction = Committed.Value.Predict(new IrisMeasurements(sl, sw, pl, pw));

        Assert.All(prediction.Probabilities.ToArray(), p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1.0, prediction.Probabilities.Sum, precision: 4);
    }

    [Fact]
    public void CommittedModelAgreesWithAtLeast96PercentOfTheTrainingLabels()
    {
        var correct = TestData.Rows.Count(row => Committed.Value.Predict(row.Flower).Species == row.Species);

        Assert.True(correct >= 144, $"{correct} of 150 training flowers classified as labelled");
    }

    [Fact]
    public void BatchScoringGivesTheSameAnswersAsSingleScoring()
    {
        var flowers = TestData.Rows.Select(row => row.Flower).ToList();

        var batch = Committed.Value.PredictBatch(flowers);

        Assert.Equal(flowers.Count, batch.Length);
        for (var i = 0; i < flowers.Count; i++)
        {
            Assert.Equal(Committed.Value.Predict(flowers[i]), batch[i]);
        }
    }

    [Fact]
    public void VersionIsTwelveHexDigitsAndAppearsInEveryPrediction()
    {
        var model = Committed.Value;

        Assert.Matches("^[0-9a-f]{12}$", model.Version);
        Assert.Equal(model.Version, model.Predict(new IrisMeasurements(5, 3, 1.5f, 0.2f)).ModelVersion);
    }

    [Fact]
    public void TheTutorialsTestFlowerIsFlaggedAsFarOutsideTheTrainingData()
    {
        // The tutorial's own test input: petal width 4 cm, where training never saw more than 2.5.
        var prediction = Committed.Value.Predict(new IrisMeasurements(4, 4, 4, 4));

        var warning = Assert.Single(prediction.Warnings ?? []);
        Assert.Contains("petalWidth", warning);
    }

    [Fact]
    public void FlowersInsideTheTrainingRangeCarryNoWarnings()
    {
        Assert.All(TestData.Rows, row => Assert.Null(Committed.Value.Predict(row.Flower).Warnings));
    }

    [Fact]
    public void ConcurrentPredictionsAllSucceed()
    {
        var flower = new IrisMeasurements(6.3f, 3.3f, 6.0f, 2.5f);

        var species = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            _ => species.Add(Committed.Value.Predict(flower).Species));

        Assert.Equal(2_000, species.Count);
        Assert.All(species, s => Assert.Equal(Species.Virginica, s));
    }
}
