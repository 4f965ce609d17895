using Iris.Contracts;
using Iris.Predictor.Flowers;
using Iris.Predictor.Prediction;

namespace Iris.Predictor.Inference;

/// <summary>
/// The Iris model as the Open Inference Protocol describes it, the same over REST and gRPC: one FP32
/// input <c>input-0</c> of shape [N,4] (1 ≤ N ≤ 1,000; each value a measurement in centimetres,
/// finite, 0 &lt; value ≤ 100) and two outputs, <c>species</c> (BYTES [N]) and <c>probabilities</c>
/// (FP32 [N,3]). Every check throws <see cref="InvalidInferenceRequestException"/> with the message a
/// client reads.
/// </summary>
public static class IrisTensors
{
    public const string InputName = "input-0";
    public const string SpeciesOutput = "species";
    public const string ProbabilitiesOutput = "probabilities";
    public const string Fp32 = "FP32";
    public const string Bytes = "BYTES";

    /// <summary>The protocol's <c>&lt;project&gt;_&lt;format&gt;</c>: an ML.NET model saved as a zip file.</summary>
    public const string Platform = "mlnet_zip";

    public const int Features = 4;
    public static readonly string[] FeatureOrder = ["sepalLength", "sepalWidth", "petalLength", "petalWidth"];
    public static readonly string[] OutputNames = [SpeciesOutput, ProbabilitiesOutput];

    /// <summary>Checks an input tensor's name, datatype and shape; returns N, the number of flowers.</summary>
    public static int CheckInput(string? name, string? datatype, IReadOnlyList<long> shape)
    {
        if (name != InputName)
        {
            throw Invalid($"Unexpected input '{name}': the model has one input, \"{InputName}\".");
        }
        if (datatype != Fp32)
        {
            throw Invalid($"Input \"{InputName}\" has datatype {datatype}; the model takes {Fp32}.");
        }
        if (shape.Count != 2 || shape[1] != Features)
        {
            throw Invalid($"Input \"{InputName}\" must have shape [N,4]: N flowers by {string.Join(", ", FeatureOrder)}.");
        }
        if (shape[0] is < 1 or > BatchPredictRequest.MaxInstances)
        {
            throw Invalid($"Input \"{InputName}\" must have between 1 and {BatchPredictRequest.MaxInstances} rows, not {shape[0]}.");
        }
        return (int)shape[0];
    }

    /// <summary>The flowers in row-major <paramref name="values"/>, which must hold exactly <paramref name="rows"/> × 4 valid measurements.</summary>
    public static IrisMeasurements[] ToFlowers(ReadOnlySpan<float> values, int rows)
    {
        if (values.Length != rows * Features)
        {
            throw Invalid($"Input \"{InputName}\" has {values.Length} values; shape [{rows},4] needs {rows * Features}.");
        }

        var flowers = new IrisMeasurements[rows];
        for (var row = 0; row < rows; row++)
        {
            var flower = values.Slice(row * Features, Features);
            for (var column = 0; column < Features; column++)
            {
                var value = flower[column];
                if (!MeasurementRule.Allows(value))
                {
                    throw Invalid($"Row {row}, {FeatureOrder[column]} = {value}: each measurement must be a finite number {MeasurementRule.Description} (centimetres).");
                }
            }
            flowers[row] = new IrisMeasurements(flower[0], flower[1], flower[2], flower[3]);
        }
        return flowers;
    }

    public static void CheckOutputName(string? name)
    {
        if (name is not (SpeciesOutput or ProbabilitiesOutput))
        {
            throw Invalid($"Unknown output '{name}': the model has \"{SpeciesOutput}\" and \"{ProbabilitiesOutput}\".");
        }
    }

    /// <summary>
    /// Parameters that ask for an extension Iris does not offer (classification's top-k BYTES, tensors in
    /// shared memory) would change what the answer means, so they are refused; every other parameter
    /// Iris does not use is ignored.
    /// </summary>
    public static void CheckExtensions(long classification, bool sharedMemory)
    {
        if (classification != 0)
        {
            throw Invalid($"The classification extension (class_count {classification}) is not supported: ask for \"{ProbabilitiesOutput}\" and rank its classes.");
        }
        if (sharedMemory)
        {
            throw Invalid("The shared-memory extensions are not supported: send and receive the tensors in the request and the answer.");
        }
    }

    public static InvalidInferenceRequestException Invalid(string message) => new(message);
}

/// <summary>A request the protocol says is the client's fault: 400 over REST, INVALID_ARGUMENT over gRPC.</summary>
public sealed class InvalidInferenceRequestException(string message) : Exception(message);
