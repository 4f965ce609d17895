using System.ComponentModel.DataAnnotations;

namespace Iris.Gateway.RateLimiting;

/// <summary>The <c>Gateway:RateLimit</c> section: a token bucket per client address. 0 in either turns it off.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Gateway:RateLimit";

    /// <summary>Sustained requests per second a client may send.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:{0} must be between {1} and {2}.")]
    public int TokensPerSecond { get; set; } = 100;

    /// <summary>Requests a client may send at once after a quiet spell.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:{0} must be between {1} and {2}.")]
    public int Burst { get; set; } = 200;

    public bool Enabled => TokensPerSecond > 0 && Burst > 0;
}
