using System.Diagnostics.Metrics;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Benchmarks;

/// <summary>The committed model and the shipped flowers, as the service loads them.</summary>
public static class Shared
{
    public static ModelStore LoadStore() => new(
        Options.Create(new ModelOptions()),
        NullLogger<ModelStore>.Instance,
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public static IrisMeasurements[] TrainingFlowers { get; } =
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv")).Skip(1)
            .Select(line => line.Split(',')[..4].Select(f => float.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Select(v => new IrisMeasurements(v[0], v[1], v[2], v[3]))];

    /// <summary>
    /// The i-th of 2^31 different flowers, all inside the training ranges (so no range warnings are
    /// built): each measurement takes its own bits of i as a step across its range.
    /// </summary>
    public static IrisMeasurements DistinctFlower(int i) => new(
        4.3f + ((i & 0xFF) * 0.014f),
        2.0f + (((i >> 8) & 0xFF) * 0.0094f),
        1.0f + (((i >> 16) & 0xFF) * 0.023f),
        0.1f + (((i >> 24) & 0x7F) * 0.0188f));
}
