using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Iris.Predictor.Model;

/// <summary>A model's version: derived from its content, never from the clock, so the same model has the same version.</summary>
public static class ModelVersion
{
    public static string Of(string modelPath)
    {
        // Hash the entries' names and bytes in order; the zip's own metadata holds write times.
        using var archive = ZipFile.OpenRead(modelPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8192];
        foreach (var entry in archive.Entries.OrderBy(entry => entry.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(entry.FullName));
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
