using System.Diagnostics;

namespace Iris.Predictor.Caching;

/// <summary>
/// Decides whether looking up the in-process tier pays: a lookup costs tens of nanoseconds, so it
/// is worth it only while hits save more than lookups cost (hit rate × model cost &gt; lookup cost).
/// With all-distinct traffic the tier is bypassed and only one request in <see cref="SampleEvery"/>
/// still looks up, so that a return of repeated inputs is noticed within about ten thousand requests.
/// Counters are updated without atomics: a lost increment between racing threads only nudges a
/// rate, and the hot path stays free of contended writes.
/// </summary>
public sealed class LookupPolicy(CostEstimate model)
{
    public const int SampleEvery = 64;
    private const int Window = 1_024;
    // While bypassing, lookups are sampled; a shorter window notices returning repeats sooner.
    private const int BypassWindow = 128;
    private const int TimeEvery = 64;

    private int _calls;
    private int _lookups;
    private int _hits;
    private volatile bool _bypass;

    public CostEstimate Lookup { get; } = new();

    public bool Bypassing => _bypass;

    /// <summary>True when this request should look the tier up.</summary>
    public bool ShouldLookUp() => !_bypass || (++_calls & (SampleEvery - 1)) == 0;

    /// <summary>Times a lookup now and then, so that its cost is known without a clock read per call.</summary>
    public bool ShouldTime() => (_lookups & (TimeEvery - 1)) == 0;

    public void Timed(long startTimestamp) => Lookup.AddSince(startTimestamp);

    public void Record(bool hit)
    {
        if (hit)
        {
            _hits++;
        }
        if (++_lookups < (_bypass ? BypassWindow : Window))
        {
            return;
        }

        var hitRate = (double)_hits / _lookups;
        _lookups = 0;
        _hits = 0;
        // Unknown costs keep the tier in use: bypassing is the optimisation, not the default.
        _bypass = model.IsKnown && Lookup.IsKnown
            && hitRate * model.Seconds < Lookup.Seconds;
    }
}
