using Iris.Predictor.Model;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Iris.Predictor.Tests.Model;

/// <summary>The running service picks up a new model file by itself and refuses a bad one, under load.</summary>
public sealed class HotReloadTests(OtherValidModel other) : IAsyncLifetime, IClassFixture<OtherValidModel>
{
    private readonly ModelFiles _files = TestData.CopyOfCommittedModel();
    private PredictorFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new PredictorFactory(new Dictionary<string, string?>
        {
            ["Model:Path"] = _files.ModelPath,
            ["Model:ReloadInterval"] = "00:00:00.100",
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_files.ModelPath)!, recursive: true);
    }

    [Fact]
    public async Task ANewModelIsServedAndABadFileIsRefusedWhileEveryRequestSucceeds()
    {
        var original = await VersionAsync();
        using var load = new CancellationTokenSource();
        var failures = 0;
        var sent = 0;
        var traffic = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                var response = await _client.PredictAsync(SampleFlowers.Virginica);
                Interlocked.Increment(ref sent);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        // A model trained on other data: its own version, its metadata copied first as the training command writes them.
        var trained = other.Metadata;
        File.Copy(other.Files.MetadataPath, _files.MetadataPath, overwrite: true);
        File.Copy(other.Files.ModelPath, _files.ModelPath, overwrite: true);

        await Eventually.HoldsAsync(VersionAsync, version => version == trained.Version, "the new model served", within: TimeSpan.FromSeconds(15));
        Assert.NotEqual(original, trained.Version);

        File.WriteAllBytes(_files.ModelPath, "this is not a model"u8.ToArray());

        await Eventually.HoldsAsync(() => Task.FromResult(_factory.Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("Refused the model files"))),
            refused => refused, "the bad file refused with a logged error", within: TimeSpan.FromSeconds(15));
        Assert.Equal(trained.Version, await VersionAsync());

        await load.CancelAsync();
        await traffic;
        Assert.True(sent > 0);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task EveryAnswerNamesTheVersionServedInItsHeader()
    {
        var original = await VersionAsync();
        Assert.Equal(original, await HeaderVersionAsync("/health"));
        Assert.Equal(original, await HeaderVersionAsync("/v2/models/iris/versions/unknown"));

        File.Copy(other.Files.MetadataPath, _files.MetadataPath, overwrite: true);
        File.Copy(other.Files.ModelPath, _files.ModelPath, overwrite: true);

        // The gateway reads it from its health probes, to send a request for a version to a pod serving it.
        await Eventually.HoldsAsync(() => HeaderVersionAsync("/health"), version => version == other.Metadata.Version, "the new version named", within: TimeSpan.FromSeconds(15));
        Assert.Equal(other.Metadata.Version, await VersionAsync());
    }

    private async Task<string?> HeaderVersionAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return response.Headers.TryGetValues(ModelVersionHeader.Name, out var values) ? values.Single() : null;
    }

    private async Task<string> VersionAsync() =>
        (await (await _client.PredictAsync(SampleFlowers.Setosa)).ReadJsonAsync()).GetProperty("modelVersion").GetString()!;
}
