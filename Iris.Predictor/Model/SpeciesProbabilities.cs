namespace Iris.Predictor.Model;

/// <summary>A probability per species; serialised as <c>{"setosa":…,"versicolor":…,"virginica":…}</c>.</summary>
public sealed record SpeciesProbabilities(float Setosa, float Versicolor, float Virginica)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public float this[string species] => species switch
    {
        Species.Setosa => Setosa,
        Species.Versicolor => Versicolor,
        Species.Virginica => Virginica,
        _ => throw new ArgumentOutOfRangeException(nameof(species), species, "Not an Iris species."),
    };

    [System.Text.Json.Serialization.JsonIgnore]
    public float Sum => Setosa + Versicolor + Virginica;

    /// <summary>In <see cref="Species.All"/> order.</summary>
    public float[] ToArray() => [Setosa, Versicolor, Virginica];
}
