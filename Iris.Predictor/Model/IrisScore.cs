namespace Iris.Predictor.Model;

/// <summary>
/// What the model writes for one flower: a probability per class, in the model's class order.
/// The predicted species is the most probable one; reading it from the scores spares the string
/// conversion of the model's own PredictedLabel column on every call.
/// </summary>
public sealed class IrisScore
{
    public float[] Score { get; set; } = [];
}
