namespace Iris.Gateway.Canary;

/// <summary>The share of the predictors' traffic the canary destinations get (<c>Gateway:Canary</c>).</summary>
public sealed class CanaryOptions
{
    public const string SectionName = "Gateway:Canary";

    /// <summary>From 0 (none; the default) to 100 (all of it, while a canary destination is available).</summary>
    public double Percent { get; set; }

    public bool IsValid => Percent is >= 0 and <= 100;

    public string Problem => $"{SectionName}:Percent={Percent} is not a share from 0 to 100.";
}
