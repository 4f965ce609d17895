namespace Iris.Contracts;

/// <summary>
/// The one rule for a flower's measurement, which the predictor enforces and the web app checks
/// before it sends: a finite number of centimetres greater than 0 and at most 100.
/// </summary>
public static class MeasurementRule
{
    /// <summary>Exclusive: a measurement must be greater.</summary>
    public const double Minimum = 0;

    public const double Maximum = 100;

    /// <summary>The rule in words, for messages in either service.</summary>
    public const string Description = "greater than 0 and at most 100";

    /// <summary>NaN fails each comparison, and infinity the maximum.</summary>
    public static bool Allows(double? centimetres) => centimetres is > Minimum and <= Maximum;
}
