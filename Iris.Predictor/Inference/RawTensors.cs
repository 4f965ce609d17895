using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Iris.Predictor.Inference;

/// <summary>
/// Tensors as raw bytes, the layout shared by REST's binary tensor data extension and gRPC's raw
/// contents: FP32 as 4-byte little-endian floats in row-major order; BYTES as each element's length
/// (4-byte little-endian unsigned) followed by its bytes.
/// </summary>
public static class RawTensors
{
    public static float[] ReadFp32(ReadOnlySpan<byte> raw)
    {
        var values = new float[raw.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }
        return values;
    }

    /// <summary>Writes FP32 values; returns the number of bytes written.</summary>
    public static int WriteFp32(IBufferWriter<byte> writer, ReadOnlySpan<float> values)
    {
        var size = values.Length * sizeof(float);
        var span = writer.GetSpan(size);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(i * sizeof(float))..], values[i]);
        }
        writer.Advance(size);
        return size;
    }

    /// <summary>Writes BYTES elements as UTF-8 strings, each after its length; returns the number of bytes written.</summary>
    public static int WriteBytes(IBufferWriter<byte> writer, IEnumerable<string> elements)
    {
        var total = 0;
        foreach (var element in elements)
        {
            var length = Encoding.UTF8.GetByteCount(element);
            var span = writer.GetSpan(sizeof(uint) + length);
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)length);
            Encoding.UTF8.GetBytes(element, span[sizeof(uint)..]);
            writer.Advance(sizeof(uint) + length);
            total += sizeof(uint) + length;
        }
        return total;
    }
}
