using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iris.Predictor.Model;

/// <summary>The pair of files a model is: <c>iris.zip</c> (ML.NET) and <c>model.json</c> (its metadata) beside it.</summary>
public sealed record ModelFiles(string ModelPath)
{
    public const string MetadataFileName = "model.json";

    public string MetadataPath => Path.Combine(Path.GetDirectoryName(ModelPath) ?? ".", MetadataFileName);

    public ModelMetadata ReadMetadata()
    {
        using var stream = File.OpenRead(MetadataPath);
        return JsonSerializer.Deserialize(stream, ModelFileJsonContext.Default.ModelMetadata)
            ?? throw new InvalidDataException($"{MetadataPath} is empty.");
    }

    public void WriteMetadata(ModelMetadata metadata) =>
        WriteAtomically(MetadataPath, path =>
        {
            using var stream = File.Create(path);
            JsonSerializer.Serialize(stream, metadata, ModelFileJsonContext.Default.ModelMetadata);
            stream.Write("\n"u8);
        });

    /// <summary>A model's version: derived from its content, never from the clock, so the same model has the same version.</summary>
    public static string VersionOf(string modelPath)
    {
        // Hash the entries' names and bytes in order; the zip's own metadata holds write times.
        using var archive = ZipFile.OpenRead(modelPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in archive.Entries.OrderBy(entry => entry.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(entry.FullName));
            using var stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            hash.AppendData(content.GetBuffer(), 0, (int)content.Length);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>Writes beside the target, then renames over it: a watcher never sees half a file.</summary>
    public static void WriteAtomically(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class ModelFileJsonContext : JsonSerializerContext;
