using Iris.Predictor.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Benchmarks;

/// <summary>The committed model and the shipped flowers, as the service loads them.</summary>
public static class Shared
{
    public static ModelStore LoadStore() => new(
        Options.Create(new ModelOptions()),
        NullLogger<ModelStore>.Instance);

    public static IrisMeasurements[] TrainingFlowers { get; } =
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv")).Skip(1)
            .Select(line => line.Split(',')[..4].Select(f => float.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Select(v => new IrisMeasurements(v[0], v[1], v[2], v[3]))];
}
