using System.Buffers.Binary;
using System.Text;

namespace Iris.Testing.V2;

/// <summary>Raw tensor bytes read as the clients read them: FP32 little-endian; BYTES as a 4-byte little-endian length, then the bytes.</summary>
public static class RawTensorReader
{
    public static float[] Fp32(ReadOnlySpan<byte> raw)
    {
        var values = new float[raw.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
        }
        return values;
    }

    public static string[] Bytes(ReadOnlySpan<byte> raw)
    {
        var elements = new List<string>();
        while (raw.Length > 0)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw);
            elements.Add(Encoding.UTF8.GetString(raw.Slice(4, length)));
            raw = raw[(4 + length)..];
        }
        return [.. elements];
    }
}
