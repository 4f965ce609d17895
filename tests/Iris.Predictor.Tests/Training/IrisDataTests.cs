using System.Globalization;
using Iris.Predictor.Flowers;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Training;

public sealed class IrisDataTests
{
    private static readonly string[] Lines = File.ReadAllLines(TestData.CsvPath);

    [Fact]
    public void DataHasAHeaderAnd150Flowers()
    {
        Assert.Equal("sepal_length,sepal_width,petal_length,petal_width,species", Lines[0]);
        Assert.Equal(150, Lines.Length - 1);
    }

    [Fact]
    public void DataHas50FlowersOfEachSpecies()
    {
        var counts = Lines.Skip(1).GroupBy(line => line.Split(',')[4]).ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(new Dictionary<string, int>
        {
            [Species.Setosa] = 50,
            [Species.Versicolor] = 50,
            [Species.Virginica] = 50,
        }, counts);
    }

    [Theory]
    [InlineData(1, "5.1,3.5,1.4,0.2,setosa")]
    [InlineData(35, "4.9,3.1,1.5,0.2,setosa")] // Fisher's value; a common copy has 0.1 here
    [InlineData(38, "4.9,3.6,1.4,0.1,setosa")] // likewise; a common copy has 3.1,1.5
    [InlineData(51, "7.0,3.2,4.7,1.4,versicolor")]
    [InlineData(101, "6.3,3.3,6.0,2.5,virginica")]
    [InlineData(150, "5.9,3.0,5.1,1.8,virginica")]
    public void KnownRowsMatchFishersTable(int row, string expected) =>
        Assert.Equal(expected, Lines[row]);

    [Fact]
    public void EveryMeasurementIsAPositiveNumberOfCentimetres()
    {
        foreach (var line in Lines.Skip(1))
        {
            foreach (var field in line.Split(',')[..4])
            {
                var value = double.Parse(field, CultureInfo.InvariantCulture);
                Assert.InRange(value, 0.1, 10);
            }
        }
    }
}
