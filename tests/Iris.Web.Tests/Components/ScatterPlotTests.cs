using Bunit;
using Iris.Web.Components.Result;
using Iris.Web.Flowers;

namespace Iris.Web.Tests.Components;

public sealed class ScatterPlotTests : BunitContext
{
    private static readonly TrainingFlowers Training = new();

    private IRenderedComponent<ScatterPlot> Plot(Measurements? flower = null, string? species = null) =>
        Render<ScatterPlot>(parameters => parameters
            .Add(p => p.Training, Training.All)
            .Add(p => p.Flower, flower)
            .Add(p => p.Species, species));

    [Fact]
    public void EveryTrainingFlowerIsDrawnWithItsSpeciesShape()
    {
        var plot = Plot();

        var points = plot.FindAll(".points .marker");
        Assert.Equal(150, points.Count);
        Assert.Equal(50, points.Count(p => p.GetAttribute("data-species") == "setosa" && p.LocalName == "circle"));
        Assert.Equal(50, points.Count(p => p.GetAttribute("data-species") == "versicolor" && p.LocalName == "rect"));
        Assert.Equal(50, points.Count(p => p.GetAttribute("data-species") == "virginica" && p.LocalName == "path"));
        Assert.Empty(plot.FindAll(".your-flower"));
    }

    [Fact]
    public void TheAxesAreLabelledInCentimetresAndTheLegendNamesEachSpecies()
    {
        var plot = Plot();

        var labels = plot.FindAll(".axis-label").Select(label => label.TextContent).ToList();
        Assert.Equal(["Petal length (cm)", "Petal width (cm)"], labels);
        Assert.Equal(["Iris setosa", "Iris versicolor", "Iris virginica"], plot.FindAll(".legend-entry text").Select(t => t.TextContent));
    }

    [Fact]
    public void TheUsersFlowerIsMarkedWhereItsPetalsPutIt()
    {
        var plot = Plot(new Measurements(6.3, 3.3, 6.0, 2.5), "virginica");

        var mark = plot.Find(".points ~ .your-flower");
        Assert.Equal("6", mark.GetAttribute("data-petal-length"));
        Assert.Equal("2.5", mark.GetAttribute("data-petal-width"));
        // The mark sits among the virginica flowers: right of and above the setosa ones.
        var ring = double.Parse(mark.QuerySelector("circle")!.GetAttribute("cx")!, System.Globalization.CultureInfo.InvariantCulture);
        var setosa = plot.FindAll(".points circle.marker").Max(c => double.Parse(c.GetAttribute("cx")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ring > setosa);
        Assert.Contains("Iris virginica", plot.Find("desc").TextContent);
        Assert.Contains("Your flower", plot.FindAll(".legend-entry text").Select(t => t.TextContent));
    }

    [Fact]
    public void AFlowerFarOutsideTheDataStretchesTheAxesToShowIt()
    {
        var plot = Plot(new Measurements(4, 4, 4, 4));

        var yTicks = plot.FindAll(".axes text.tick[text-anchor='end']").Select(t => double.Parse(t.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(yTicks.Max() > 4, $"the petal-width axis reaches {yTicks.Max()}");
        var cy = double.Parse(plot.Find(".points ~ .your-flower circle").GetAttribute("cy")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(cy, 12, 336);
    }
}
