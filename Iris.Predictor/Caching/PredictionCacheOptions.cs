namespace Iris.Predictor.Caching;

/// <summary>The <c>PredictionCache</c> configuration section.</summary>
public sealed class PredictionCacheOptions
{
    public const string SectionName = "PredictionCache";

    /// <summary>Off: every request is scored by the model (the benchmark's baseline).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Entries per generation of the in-process tier (it holds at most twice this many).</summary>
    public int MemoryEntries { get; set; } = 10_000;

    /// <summary>How long Redis keeps a cached prediction.</summary>
    public TimeSpan RedisTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Redis is read on the request path only while its round trip costs less than the model by this factor.</summary>
    public double RedisAdvantage { get; set; } = 2.0;
}
