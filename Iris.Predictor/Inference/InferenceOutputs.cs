using System.Buffers;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;

namespace Iris.Predictor.Inference;

/// <summary>What the model answered, laid out as the protocol's output tensors.</summary>
public sealed class InferenceOutputs(IrisPrediction[] predictions)
{
    public int Rows => predictions.Length;

    public string ModelVersion => predictions[0].ModelVersion;

    /// <summary><c>species</c>: one class name a flower.</summary>
    public IEnumerable<string> SpeciesNames => predictions.Select(prediction => prediction.Species);

    /// <summary><c>probabilities</c>, row-major [N,3] in <see cref="Species.All"/> order.</summary>
    public float[] Probabilities()
    {
        var classes = Species.All.Count;
        var values = new float[predictions.Length * classes];
        for (var row = 0; row < predictions.Length; row++)
        {
            predictions[row].Probabilities.CopyTo(values.AsSpan(row * classes, classes));
        }
        return values;
    }

    /// <summary>Writes an output's values as raw bytes (REST's binary tensor data, gRPC's raw contents); returns their size.</summary>
    public int WriteRaw(IBufferWriter<byte> writer, string output) =>
        output == IrisTensors.SpeciesOutput ? RawTensors.WriteBytes(writer, SpeciesNames) : RawTensors.WriteFp32(writer, Probabilities());

    public IReadOnlyList<long> ShapeOf(string output) =>
        output == IrisTensors.SpeciesOutput ? [Rows] : [Rows, Species.All.Count];

    public static string DatatypeOf(string output) =>
        output == IrisTensors.SpeciesOutput ? IrisTensors.Bytes : IrisTensors.Fp32;
}
