using Iris.Web.Components.Result;

namespace Iris.Web.Tests.Components;

public sealed class PlotAxisTests
{
    [Fact]
    public void ACoveringAxisTakesRoundStepsFromZero()
    {
        var axis = PlotAxis.Covering([1.0, 6.9], 0, 700);

        Assert.Equal([0d, 1, 2, 3, 4, 5, 6, 7], axis.Ticks());
        Assert.Equal(0, axis.ToPixel(0));
        Assert.Equal(700, axis.ToPixel(7));
    }

    [Fact]
    public void AValueOnTheLastTickGetsOneMoreStepOfRoom()
    {
        var axis = PlotAxis.Covering([2.5], 0, 100, roughTicks: 5);

        Assert.Equal(0.5, axis.Step);
        Assert.Equal(3, axis.Max);
    }
}
