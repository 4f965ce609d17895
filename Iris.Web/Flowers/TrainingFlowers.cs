using System.Globalization;

namespace Iris.Web.Flowers;

/// <summary>
/// The 150 flowers the model was trained on (the predictor's <c>Data/iris.csv</c>, linked into this
/// project), for the scatter plot. Read once; the plot works even while the predictor is down.
/// </summary>
public sealed class TrainingFlowers
{
    public TrainingFlowers() : this(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv"))
    {
    }

    public TrainingFlowers(string csvPath)
    {
        All = [.. File.ReadLines(csvPath).Skip(1).Where(line => line.Length > 0).Select(Parse)];
    }

    public IReadOnlyList<(IrisMeasurements Flower, string Species)> All { get; }

    private static (IrisMeasurements, string) Parse(string line)
    {
        var fields = line.Split(',');
        double Number(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return (new IrisMeasurements(Number(0), Number(1), Number(2), Number(3)), fields[4].Trim());
    }
}
