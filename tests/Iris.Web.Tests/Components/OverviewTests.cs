using Bunit;
using Iris.Web.Components.Overview;
using Iris.Web.Flowers;
using Iris.Web.History;
using Iris.Web.Model;

namespace Iris.Web.Tests.Components;

public sealed class OverviewTests : BunitContext
{
    [Fact]
    public void WithoutTheSharedHistoryTheSectionSaysSo()
    {
        var recent = Render<RecentPredictions>(parameters => parameters.Add(p => p.Recent, null).Add(p => p.Stats, null));

        Assert.Contains("unavailable", recent.Find(".unavailable").TextContent);
        Assert.Empty(recent.FindAll("table"));
    }

    [Fact]
    public void RecentPredictionsAreListedWithTheCountsPerSpecies()
    {
        var recent = Render<RecentPredictions>(parameters => parameters
            .Add(p => p.Recent, [new RecentPrediction(new IrisMeasurements(6.3, 3.3, 6.0, 2.5), "virginica", 0.98f, "v1", DateTimeOffset.UnixEpoch)])
            .Add(p => p.Stats, new PredictionStats(3, new Dictionary<string, long> { ["setosa"] = 1, ["virginica"] = 2 })));

        var counts = string.Join(' ', recent.Find(".counts").TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("3 so far: 1 setosa, 0 versicolor, 2 virginica", counts);
        var cells = recent.FindAll("tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal(["Iris virginica", "98.0%", "6.0 × 2.5", "00:00:00"], cells);
    }

    [Fact]
    public void TheModelCardShowsVersionAndCrossValidatedAccuracy()
    {
        var card = Render<ModelCard>(parameters => parameters.Add(p => p.Model,
            new ModelSummary("iris", "b54e9b91b638", "SdcaMaximumEntropy", new ModelEvaluation(5, 0.975709, 0.0586))));

        Assert.Equal("b54e9b91b638", card.Find(".model-version").TextContent);
        Assert.Equal("97.6% (5-fold cross-validated)", card.Find(".model-accuracy").TextContent);
    }

    [Fact]
    public void TheModelCardSaysWhichVersionAnsweredThePrediction()
    {
        var model = new ModelSummary("iris", "b54e9b91b638", "SdcaMaximumEntropy", new ModelEvaluation(5, 0.975709, 0.0586));

        var same = Render<ModelCard>(parameters => parameters.Add(p => p.Model, model).Add(p => p.AnsweredBy, "b54e9b91b638"));
        var canary = Render<ModelCard>(parameters => parameters.Add(p => p.Model, model).Add(p => p.AnsweredBy, "19e934c5cd00"));
        var none = Render<ModelCard>(parameters => parameters.Add(p => p.Model, model));

        Assert.Equal("This answer came from version b54e9b91b638.", same.Find(".answered-by").TextContent);
        Assert.Equal("This answer came from version 19e934c5cd00, another model than the one described here.", canary.Find(".answered-by").TextContent);
        Assert.Empty(none.FindAll(".answered-by"));
    }
}
