using BenchmarkDotNet.Attributes;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;

namespace Iris.Predictor.Benchmarks;

/// <summary>The model alone: one flower through a pooled engine, and a batch of 1,000.</summary>
[MemoryDiagnoser]
[InProcess]
public class ScoringBenchmarks
{
    private IrisModel _model = null!;
    private IrisMeasurements[] _batch = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _model = Shared.LoadStore().Current;
        _batch = [.. Enumerable.Range(0, 1_000).Select(i => Shared.TrainingFlowers[i % Shared.TrainingFlowers.Length])];
    }

    [Benchmark(Description = "single prediction")]
    public IrisPrediction Single() => _model.Predict(Shared.TrainingFlowers[_next++ % 150]);

    [Benchmark(Description = "batch of 1,000", OperationsPerInvoke = 1_000)]
    public IrisPrediction[] Batch() => _model.PredictBatch(_batch);
}
