using System.Globalization;

namespace Iris.Testing.V2;

/// <summary>Fisher's 150 flowers from the predictor's shipped CSV: four FP32 measurements and a species each.</summary>
public static class FisherFlowers
{
    public static IReadOnlyList<(float[] Measurements, string Species)> All { get; } =
        [.. File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot.Path, "Iris.Predictor", "Data", "iris.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(fields => (fields[..4].Select(field => float.Parse(field, CultureInfo.InvariantCulture)).ToArray(), fields[4]))];

    /// <summary>Every measurement, row-major [150,4], as little-endian FP32 bytes.</summary>
    public static byte[] RawFp32() => [.. All.SelectMany(flower => flower.Measurements).SelectMany(BitConverter.GetBytes)];

    public static float[] Flat() => [.. All.SelectMany(flower => flower.Measurements)];
}
