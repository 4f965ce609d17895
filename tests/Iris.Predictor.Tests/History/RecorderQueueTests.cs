using Iris.Predictor.Flowers;
using Iris.Predictor.History;
using Iris.Predictor.Model;
using Iris.Predictor.Telemetry;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.Predictor.Tests.History;

/// <summary>
/// The queue between the request path and the history writer, when the writer falls behind: a
/// recorder of the real service's history and metrics that no writer reads, so it fills.
/// </summary>
public sealed class RecorderQueueTests : PredictorWithOwnRedis
{
    /// <summary>The promise of docs/predictor.md: 10,000 entries, then the oldest go.</summary>
    private const int PromisedCapacity = 10_000;

    [Fact]
    public void AFullQueueDropsTheOldestAndCountsThem()
    {
        var services = Predictor.Services;
        using var measurements = new ServiceMeasurements(services, "iris.history.dropped");
        var recorder = new PredictionRecorder(services.GetRequiredService<PredictionHistory>(), TimeProvider.System, services.GetRequiredService<PredictorMetrics>());
        var model = services.GetRequiredService<ModelStore>().Current;

        // Each flower's sepal length is its place in line (in thousandths of a centimetre), so the ones kept tell which went.
        var sent = PromisedCapacity + 3;
        for (var i = 1; i <= sent; i++)
        {
            var flower = new IrisMeasurements(i / 1_000f, 3.5f, 1.4f, 0.2f);
            recorder.Record(flower, model.Predict(flower));
        }

        Assert.Equal(3, measurements.Sum("iris.history.dropped"));
        var kept = new List<float>();
        while (recorder.Reader.TryRead(out var batch))
        {
            kept.AddRange(batch.Newest.Select(entry => entry.Flower.SepalLength));
        }
        Assert.Equal(PromisedCapacity, kept.Count);
        Assert.Equal(4 / 1_000f, kept[0]);
        Assert.Equal(sent / 1_000f, kept[^1]);
    }
}
