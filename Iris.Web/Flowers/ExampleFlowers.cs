namespace Iris.Web.Flowers;

/// <summary>One typical flower of each species from Fisher's data (rows 1, 51 and 101), for one-click examples.</summary>
public static class ExampleFlowers
{
    public static IReadOnlyDictionary<string, IrisMeasurements> BySpecies { get; } = new Dictionary<string, IrisMeasurements>
    {
        ["setosa"] = new(5.1, 3.5, 1.4, 0.2),
        ["versicolor"] = new(7.0, 3.2, 4.7, 1.4),
        ["virginica"] = new(6.3, 3.3, 6.0, 2.5),
    };
}
