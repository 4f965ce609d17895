using System.Globalization;

namespace Iris.Faults.Tests.Infrastructure;

/// <summary>Every request a <see cref="SteadyLoad"/> sent, in the order they started.</summary>
public sealed record LoadResult(IReadOnlyList<SteadyLoad.Outcome> Outcomes, TimeSpan Duration)
{
    public int Sent => Outcomes.Count;

    public IReadOnlyList<SteadyLoad.Outcome> Failures => [.. Outcomes.Where(o => o.Status != 200)];

    public TimeSpan WorstLatency => Outcomes.Count == 0 ? TimeSpan.Zero : Outcomes.Max(o => o.Latency);

    /// <summary>"200 × 3,990, 504 × 10": how the requests were answered (0: no answer).</summary>
    public string Statuses => string.Join(", ", Outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key)
        .Select(g => $"{g.Key} × {g.Count().ToString("N0", CultureInfo.InvariantCulture)}"));

    /// <summary>The figures every fault reports.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Sent:N0} requests in {Duration.TotalSeconds:F1} s ({Sent / Duration.TotalSeconds:F0}/s), {Failures.Count:N0} failed, worst latency {WorstLatency.TotalMilliseconds:N0} ms ({Statuses})");

    /// <summary>A few failures, for an assertion's message.</summary>
    public string DescribeFailures() => string.Join("; ", Failures.Take(5).Select(f =>
        string.Create(CultureInfo.InvariantCulture, $"{f.Status} at {f.Started.TotalSeconds:F1} s: {f.Body[..Math.Min(160, f.Body.Length)]}")));
}
