namespace Iris.Predictor.Flowers;

/// <summary>The three classes of Fisher's Iris data, as the API names them.</summary>
public static class Species
{
    public const string Setosa = "setosa";
    public const string Versicolor = "versicolor";
    public const string Virginica = "virginica";

    public static IReadOnlyList<string> All { get; } = [Setosa, Versicolor, Virginica];
}
