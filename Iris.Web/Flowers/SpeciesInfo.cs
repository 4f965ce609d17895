namespace Iris.Web.Flowers;

/// <summary>
/// How each species is named and drawn. The colours are from the Okabe–Ito palette, told apart by
/// people with any common colour-vision deficiency, and each species also has its own marker shape.
/// </summary>
public static class SpeciesInfo
{
    public static IReadOnlyList<string> All { get; } = ["setosa", "versicolor", "virginica"];

    public static string DisplayName(string species) => $"Iris {species}";

    public static string Colour(string species) => species switch
    {
        "setosa" => "#0072B2",
        "versicolor" => "#D55E00",
        "virginica" => "#009E73",
        _ => "#4A5568",
    };

    /// <summary>The marker shape, named for the CSS class and the legend.</summary>
    public static string Marker(string species) => species switch
    {
        "setosa" => "circle",
        "versicolor" => "square",
        _ => "triangle",
    };
}
