using System.Diagnostics;

namespace Iris.Predictor.Caching;

/// <summary>
/// A running estimate of what something costs (exponentially weighted), unknown until first measured.
/// Kept in seconds as a double: the costs compared here run from tens of nanoseconds to milliseconds,
/// below the 100 ns resolution of <see cref="TimeSpan"/>.
/// </summary>
public sealed class CostEstimate
{
    private const double Weight = 0.05;

    // Reads and writes of a double are atomic on 64-bit; a lost update between racing writers only nudges the average.
    private double _seconds = double.NaN;

    public bool IsKnown => !double.IsNaN(_seconds);

    /// <summary>The estimate in seconds; infinite while unknown.</summary>
    public double Seconds => IsKnown ? _seconds : double.PositiveInfinity;

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void AddSince(long startTimestamp) =>
        Add((Stopwatch.GetTimestamp() - startTimestamp) / (double)Stopwatch.Frequency);

    public void Add(TimeSpan sample) => Add(sample.TotalSeconds);

    private void Add(double seconds)
    {
        var current = _seconds;
        _seconds = double.IsNaN(current) ? seconds : current + (Weight * (seconds - current));
    }
}
