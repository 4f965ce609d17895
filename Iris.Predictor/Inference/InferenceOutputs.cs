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
        var values = new float[predictions.Length * Model.Species.All.Count];
        for (var row = 0; row < predictions.Length; row++)
        {
            var p = predictions[row].Probabilities;
            values[(row * 3) + 0] = p.Setosa;
            values[(row * 3) + 1] = p.Versicolor;
            values[(row * 3) + 2] = p.Virginica;
        }
        return values;
    }

    public IReadOnlyList<long> ShapeOf(string output) =>
        output == IrisTensors.SpeciesOutput ? [Rows] : [Rows, Model.Species.All.Count];

    public static string DatatypeOf(string output) =>
        output == IrisTensors.SpeciesOutput ? IrisTensors.Bytes : IrisTensors.Fp32;
}
