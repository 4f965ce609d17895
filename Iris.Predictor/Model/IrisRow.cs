using Iris.Predictor.Flowers;
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
