using Bunit;
using Iris.Web.Components.Result;

namespace Iris.Web.Tests.Components;

public sealed class ProbabilityBarsTests : BunitContext
{
    [Fact]
    public void EachSpeciesGetsABarAsWideAsItsProbability()
    {
        var bars = Render<ProbabilityBars>(parameters => parameters.Add(p => p.Probabilities,
            new Dictionary<string, float> { ["setosa"] = 0.05f, ["versicolor"] = 0.25f, ["virginica"] = 0.7f }));

        var rows = bars.FindAll(".probability");
        Assert.Equal(["setosa", "versicolor", "virginica"], rows.Select(r => r.GetAttribute("data-species")));
        Assert.Equal(["5", "25", "70"], bars.FindAll("rect.fill").Select(r => r.GetAttribute("width")));
        Assert.Equal(["5.0%", "25.0%", "70.0%"], bars.FindAll(".value").Select(v => v.TextContent));
        Assert.Empty(bars.FindAll("[style]"));
    }

    [Theory]
    [InlineData(1f, "100%")]
    [InlineData(0.99995f, "> 99.9%")]
    [InlineData(0.0000001f, "< 0.1%")]
    [InlineData(0f, "0%")]
    [InlineData(0.123f, "12.3%")]
    public void PercentagesNeverRoundToAFalseCertainty(float probability, string shown)
    {
        Assert.Equal(shown, ProbabilityBars.Percent(probability));
    }
}
