using Iris.Predictor.Model;

namespace Iris.Predictor.Inference;

/// <summary>What the model answered, laid out as the protocol's output tensors.</summary>
public sealed class InferenceOutputs(IrisPrediction[] predictions)
{
    public int Rows => predictions.Length;

    public string ModelVersion => predictions[0].ModelVersion;

    /// <summary><c>species</c>: one class name a flower.</summary>
    public IEnumerable<string> Species => predictions.Select(prediction => prediction.Species);

    /// <summary><c>probabilities</c>, row-major [N,3] in <see cref="Model.Species.All"/> order.</summary>
    public float[] Probabilities()
    {
        var classes = Model.Species.All.Count;
        var values = new float[predictions.Length * classes];
        for (var row = 0; row < predictions.Length; row++)
        {
            predictions[row].Probabilities.ToArray().CopyTo(values, row * classes);
        }
        return values;
    }

    public IReadOnlyList<long> ShapeOf(string output) =>
        output == IrisTensors.SpeciesOutput ? [Rows] : [Rows, Model.Species.All.Count];

    public static string DatatypeOf(string output) =>
        output == IrisTensors.SpeciesOutput ? IrisTensors.Bytes : IrisTensors.Fp32;
}
