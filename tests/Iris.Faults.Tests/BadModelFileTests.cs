using System.Globalization;
using System.Text.Json;
using Iris.Faults.Tests.Infrastructure;

namespace Iris.Faults.Tests;

/// <summary>
/// Fault 4: the model file overwritten by a copy cut short, under a steady load. The predictor's
/// reload refuses it, logs why, and the model it was serving goes on answering every request.
/// </summary>
public sealed class BadModelFileTests : IAsyncLifetime
{
    private readonly string _modelFolder = Directory.CreateTempSubdirectory("iris-model-").FullName;
    private ServiceProcess _predictor = null!;
    private ServiceProcess _gateway = null!;

    private string ModelPath => Path.Combine(_modelFolder, "iris.zip");

    public async Task InitializeAsync()
    {
        var trained = Path.Combine(RepositoryRoot.Path, "Iris.Predictor", "TrainedModel");
        File.Copy(Path.Combine(trained, "iris.zip"), ModelPath);
        File.Copy(Path.Combine(trained, "model.json"), Path.Combine(_modelFolder, "model.json"));
        _predictor = await ServiceProcess.StartAsync("Iris.Predictor", new Dictionary<string, string?>
        {
            ["Model__Path"] = ModelPath,
            ["Model__ReloadInterval"] = "00:00:01",
        });
        _gateway = await GatewayProcess.StartAsync([_predictor.Address], LoopbackPort.Down());
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Disposables.DisposeAllAsync(_gateway, _predictor);
        }
        finally
        {
            Directory.Delete(_modelFolder, recursive: true);
        }
    }

    [Fact]
    public async Task TheServedModelKeepsAnsweringAndTheRefusalIsLogged()
    {
        var servedVersion = ReadVersion(File.ReadAllText(Path.Combine(_modelFolder, "model.json")));
        using var predictor = new HttpClient { BaseAddress = new Uri(_predictor.Address) };

        await using var load = SteadyLoad.Start(_gateway.Address);
        await Task.Delay(TimeSpan.FromSeconds(5));

        var model = await File.ReadAllBytesAsync(ModelPath);
        await File.WriteAllBytesAsync(ModelPath, model[..(model.Length / 2)]);
        var written = load.Elapsed;
        var logged = await _predictor.WaitForOutputAsync($"Refused the model files at {ModelPath}", TimeSpan.FromMinutes(1));
        var refused = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var result = await load.StopAsync();
        var health = await predictor.GetStringAsync("/health");

        var versions = result.Outcomes.Where(o => o.Status == 200).Select(o => ReadVersion(o.Body)).Distinct().ToList();
        Assert.True(logged, "the predictor did not log the refused model file");
        Assert.True(result.Failures.Count == 0, $"{result.Summary}: {result.DescribeFailures()}");
        Assert.Equal([servedVersion], versions);
        Assert.Equal("Healthy", health);
        Assert.Contains(_predictor.Output, line => line.StartsWith("fail: Iris.Predictor.Model.ModelStore", StringComparison.Ordinal));

        ReliabilityReport.Write("fault-4-bad-model-file", [string.Create(CultureInfo.InvariantCulture,
            $"- **Model file overwritten by half a copy** ({model.Length / 2:N0} of {model.Length:N0} bytes): {result.Summary}. The reload refused it " +
            $"{(refused - written).TotalSeconds:F1} s after the write, with an error in the log; every answer came from model {string.Join(", ", versions)}, " +
            $"and `/health` stayed {health}.")]);
    }

    private static string ReadVersion(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return (root.TryGetProperty("modelVersion", out var version) ? version : root.GetProperty("version")).GetString()!;
    }
}
