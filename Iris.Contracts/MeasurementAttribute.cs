using System.ComponentModel.DataAnnotations;

namespace Iris.Contracts;

/// <summary><see cref="MeasurementRule"/> as a validation attribute, for request and form models alike.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MeasurementAttribute : RangeAttribute
{
    public MeasurementAttribute()
        : base(MeasurementRule.Minimum, MeasurementRule.Maximum) => MinimumIsExclusive = true;
}
