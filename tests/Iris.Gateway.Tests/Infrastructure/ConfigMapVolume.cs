using System.Runtime.InteropServices;

namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// A directory laid out as the kubelet lays out a mounted ConfigMap, and updated as it updates one
/// (kubernetes/pkg/volume/util/atomic_writer.go): the data in a hidden timestamped directory, a
/// <c>..data</c> link to it swapped by renaming a new link over it, and one link per key to <c>..data/key</c>.
/// </summary>
public sealed class ConfigMapVolume : IDisposable
{
    private const string DataLink = "..data";
    private int _generation;

    public string Path { get; } = Directory.CreateTempSubdirectory("iris-configmap-").FullName;

    public void Write(IReadOnlyDictionary<string, string> data)
    {
        var previous = new DirectoryInfo(At(DataLink)).LinkTarget;
        var timestamped = $"..{DateTime.UtcNow:yyyy_MM_dd_HH_mm_ss}.{++_generation}";
        Directory.CreateDirectory(At(timestamped));
        foreach (var (key, value) in data)
        {
            File.WriteAllText(System.IO.Path.Combine(At(timestamped), key), value);
        }

        Directory.CreateSymbolicLink(At("..data_tmp"), timestamped);
        // rename(2) replaces the old link in one step: a reader sees the old data or the new, never neither.
        // (File.Move follows the link and refuses a directory.)
        if (Rename(At("..data_tmp"), At(DataLink)) != 0)
        {
            throw new IOException($"rename to {DataLink} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var key in data.Keys.Where(key => !File.Exists(At(key))))
        {
            File.CreateSymbolicLink(At(key), $"{DataLink}/{key}");
        }
        foreach (var link in Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Where(name => !name!.StartsWith('.') && !data.ContainsKey(name)))
        {
            File.Delete(At(link!));
        }
        if (previous is not null)
        {
            Directory.Delete(At(previous), recursive: true);
        }
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string oldPath, string newPath);

    private string At(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
