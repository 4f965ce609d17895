
namespace Iris.Predictor.Flowers;

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
    public float[] ToArray()
    {
        var values = new float[Species.All.Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Into <paramref name="destination"/>, in <see cref="Species.All"/> order, without allocating.</summary>
    public void CopyTo(Span<float> destination)
    {
        destination[0] = Setosa;
        destination[1] = Versicolor;
        destination[2] = Virginica;
    }
}
