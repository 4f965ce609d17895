using System.ComponentModel.DataAnnotations;

namespace Iris.Predictor.Caching;

/// <summary>The <c>PredictionCache</c> configuration section: which models are worth caching, and for how long.</summary>
public sealed class PredictionCacheOptions
{
    public const string SectionName = "PredictionCache";

    /// <summary>Off: every prediction is scored by the model.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Predictions are cached in process when the model takes this long or longer to score one. A hit
    /// costs a fraction of a microsecond and a miss a few, so a faster model is quicker scored again.
    /// </summary>
    public TimeSpan InProcessFrom { get; set; } = TimeSpan.FromMicroseconds(20);

    /// <summary>
    /// ...and in Redis too, shared by the replicas, when it takes this long or longer: a Redis round trip
    /// costs hundreds of Iris predictions (BENCHMARKS.md), more across a network.
    /// </summary>
    public TimeSpan RedisFrom { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The most predictions held in process.</summary>
    [Range(1, int.MaxValue)]
    public int MemoryEntries { get; set; } = 10_000;

    /// <summary>How long a cached prediction is kept, in process and in Redis.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);
}
