using System.Globalization;

namespace Iris.Gateway.Canary;

/// <summary>The share of the predictors' traffic the canary destinations get (<c>Gateway:Canary</c>).</summary>
public sealed class CanaryOptions
{
    public const string SectionName = "Gateway:Canary";

    /// <summary>
    /// From 0 (none; the default) to 100 (all of it, while a canary destination is available). Text, so
    /// that a value that is no number is refused with the same message as one out of range, instead of
    /// failing the configuration binder on a reload.
    /// </summary>
    public string? Percent { get; set; }

    /// <summary>The share as a number, or null when <see cref="Percent"/> is not one from 0 to 100.</summary>
    public double? Share => string.IsNullOrWhiteSpace(Percent) ? 0
        : double.TryParse(Percent, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 100 ? share
        : null;

    public string Problem => $"{SectionName}:Percent={Percent?.Trim()} is not a share from 0 to 100.";
}
