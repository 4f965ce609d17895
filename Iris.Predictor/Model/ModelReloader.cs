using Microsoft.Extensions.Options;

namespace Iris.Predictor.Model;

/// <summary>
/// Watches the model files by polling their size and write time, and reloads once a change has
/// settled (unchanged over one more interval), so a file still being copied is not read half-written.
/// </summary>
public sealed class ModelReloader(ModelStore store, IOptions<ModelOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReloadInterval);
        var loaded = Fingerprint();
        var pending = loaded;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = Fingerprint();
            if (now == loaded)
            {
                pending = now;
                continue;
            }
            if (now != pending)
            {
                // Changed since the last look: wait for it to settle.
                pending = now;
                continue;
            }

            store.TryReload();
            // A refused file is not retried until it changes again.
            loaded = now;
        }
    }

    private string Fingerprint() =>
        $"{Stamp(store.Files.ModelPath)}|{Stamp(store.Files.MetadataPath)}";

    private static string Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "missing";
    }
}
