using Microsoft.ML.Data;

namespace Iris.Predictor.Model;

/// <summary>One flower as ML.NET reads it: a row of <c>Data/iris.csv</c>, measurements in centimetres.</summary>
public sealed class IrisRow
{
    [LoadColumn(0)]
    public float SepalLength { get; set; }

    [LoadColumn(1)]
    public float SepalWidth { get; set; }

    [LoadColumn(2)]
    public float PetalLength { get; set; }

    [LoadColumn(3)]
    public float PetalWidth { get; set; }

    /// <summary>The label; empty when scoring.</summary>
    [LoadColumn(4)]
    public string Species { get; set; } = "";
}

/// <summary>
/// What the model writes for one flower: a probability per class, in the model's class order.
/// The predicted species is the most probable one; reading it from the scores spares the string
/// conversion of the model's own PredictedLabel column on every call.
/// </summary>
public sealed class IrisScore
{
    public float[] Score { get; set; } = [];
}
