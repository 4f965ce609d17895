using Iris.Predictor.Prediction;
using Iris.Predictor.Tests.Infrastructure;
using Iris.Predictor.Training;

namespace Iris.Predictor.Tests.Model;

public sealed class IrisModelTests
{
    private static readonly Lazy<IrisModel> Committed = new(() => IrisModel.Load(TestData.ModelPath));

    [Theory]
    [MemberData(nameof(TestData.FirstOfEachSpecies), MemberType = typeof(TestData))]
    public void CommittedModelNamesTheSpeciesOfKnownFlowers(double sl, double sw, double pl, double pw, string species)
    {
        var prediction = Committed.Value.Predict(new IrisMeasurements(sl, sw, pl, pw));

        Assert.Equal(species, prediction.Species);
        Assert.Equal(species, prediction.Probabilities.MaxBy(pair => pair.Value).Key);
    }

    [Theory]
    [MemberData(nameof(TestData.FirstOfEachSpecies), MemberType = typeof(TestData))]
    public void ProbabilitiesCoverTheThreeSpeciesAndSumToOne(double sl, double sw, double pl, double pw, string _)
    {
        var prediction = Committed.Value.Predict(new IrisMeasurements(sl, sw, pl, pw));

        Assert.Equal(Species.All.Order(), prediction.Probabilities.Keys.Order());
        Assert.All(prediction.Probabilities.Values, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1.0, prediction.Probabilities.Values.Sum(p => (double)p), precision: 4);
    }

    [Fact]
    public void VersionIsTwelveHexDigitsAndAppearsInEveryPrediction()
    {
        var model = Committed.Value;

        Assert.Matches("^[0-9a-f]{12}$", model.Version);
        Assert.Equal(model.Version, model.Predict(new IrisMeasurements(5, 3, 1.5, 0.2)).ModelVersion);
    }

    [Fact]
    public void CommittedModelClassifiesAtLeast95PercentOfTheTrainingFlowers()
    {
        var rows = File.ReadAllLines(TestData.CsvPath).Skip(1).Select(line => line.Split(',')).ToList();

        var correct = rows.Count(fields =>
        {
            var v = fields[..4].Select(field => double.Parse(field, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return Committed.Value.Predict(new IrisMeasurements(v[0], v[1], v[2], v[3])).Species == fields[4];
        });

        Assert.True(correct >= 143, $"{correct} of 150 training flowers classified correctly");
    }

    [Fact]
    public void TrainingFromTheShippedDataReproducesTheCommittedModel()
    {
        var output = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid():N}.zip");
        try
        {
            var (ml, transformer, schema) = IrisTrainer.Train(TestData.CsvPath);
            ml.Model.Save(transformer, schema, output);

            Assert.Equal(Committed.Value.Version, IrisModel.Load(output).Version);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void ConcurrentPredictionsAllSucceed()
    {
        var flower = new IrisMeasurements(6.3, 3.3, 6.0, 2.5);

        var species = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            _ => species.Add(Committed.Value.Predict(flower).Species));

        Assert.Equal(2_000, species.Count);
        Assert.All(species, s => Assert.Equal(Species.Virginica, s));
    }
}
