using Microsoft.ML.Data;

namespace Iris.Predictor.Model;

/// <summary>What the model writes for one flower.</summary>
public sealed class IrisScore
{
    [ColumnName("PredictedLabel")]
    public string Species { get; set; } = "";

    /// <summary>One probability per class, in the model's class order (see <see cref="IrisModel.Classes"/>).</summary>
    public float[] Score { get; set; } = [];
}
