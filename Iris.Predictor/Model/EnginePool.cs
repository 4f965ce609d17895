using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Iris.Predictor.Model;

/// <summary>
/// One model's ML.NET prediction engines, pooled: an engine is not thread-safe and costs far more to
/// create than to use. The one place an engine is borrowed and given back.
/// </summary>
public sealed class EnginePool(MLContext ml, ITransformer transformer)
{
    private readonly ObjectPool<PredictionEngine<IrisRow, IrisScore>> _engines =
        new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 4 }.Create(new EnginePolicy(ml, transformer));

    /// <summary>Runs <paramref name="work"/> with an engine that no other thread uses meanwhile.</summary>
    public TResult Use<TState, TResult>(TState state, Func<PredictionEngine<IrisRow, IrisScore>, TState, TResult> work)
    {
        var engine = _engines.Get();
        try
        {
            return work(engine, state);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer) : PooledObjectPolicy<PredictionEngine<IrisRow, IrisScore>>
    {
        public override PredictionEngine<IrisRow, IrisScore> Create() => ml.Model.CreatePredictionEngine<IrisRow, IrisScore>(transformer);

        public override bool Return(PredictionEngine<IrisRow, IrisScore> engine) => true;
    }
}
