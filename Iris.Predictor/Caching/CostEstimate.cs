namespace Iris.Predictor.Caching;

/// <summary>A running estimate of what something costs (exponentially weighted), unknown until first measured.</summary>
public sealed class CostEstimate
{
    private const double Weight = 0.05;

    // Reads and writes of a double are atomic on 64-bit; a lost update between racing writers only nudges the average.
    private double _seconds = double.NaN;

    public bool IsKnown => !double.IsNaN(_seconds);

    public TimeSpan Value => IsKnown ? TimeSpan.FromSeconds(_seconds) : TimeSpan.MaxValue;

    public void Add(TimeSpan sample)
    {
        var current = _seconds;
        _seconds = double.IsNaN(current) ? sample.TotalSeconds : current + (Weight * (sample.TotalSeconds - current));
    }
}
