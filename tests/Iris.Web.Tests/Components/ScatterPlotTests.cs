using Bunit;
using Iris.Web.Components.Result;
using Iris.Web.Flowers;

namespace Iris.Web.Tests.Components;

public sealed class ScatterPlotTests : BunitContext
{
    private static readonly TrainingFlowers Training = new();

    private IRenderedComponent<ScatterPlot> Plot(IrisMeasurements? flower = null, string? species = null) =>
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
        var plot = Plot(new IrisMeasurements(6.3, 3.3, 6.0, 2.5), "virginica");

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
        var plot = Plot(new IrisMeasurements(4, 4, 4, 4));

        var yTicks = plot.FindAll(".axes text.tick[text-anchor='end']")
            .Select(t => (Value: Number(t.TextContent), Y: Number(t.GetAttribute("y")!))).ToList();
        Assert.True(yTicks.Max(t => t.Value) > 4, $"the petal-width axis reaches {yTicks.Max(t => t.Value)}");
        // Inside the drawn axis, and where the axis's own tick labels put a petal width of 4 cm.
        var axis = plot.FindAll(".axes line.axis").Single(line => line.GetAttribute("x1") == line.GetAttribute("x2"));
        var cy = Number(plot.Find(".points ~ .your-flower circle").GetAttribute("cy")!);
        var (y1, y2) = (Number(axis.GetAttribute("y1")!), Number(axis.GetAttribute("y2")!));
        Assert.InRange(cy, Math.Min(y1, y2), Math.Max(y1, y2));
        var (low, high) = (yTicks.Where(t => t.Value <= 4).MaxBy(t => t.Value), yTicks.Where(t => t.Value >= 4).MinBy(t => t.Value));
        var expected = high.Value == low.Value ? low.Y : low.Y + (4 - low.Value) / (high.Value - low.Value) * (high.Y - low.Y);
        Assert.Equal(expected, cy, tolerance: 0.5);
    }

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
