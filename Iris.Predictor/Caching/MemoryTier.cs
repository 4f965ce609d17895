using System.Collections.Concurrent;
using Iris.Predictor.Model;

namespace Iris.Predictor.Caching;

/// <summary>
/// The in-process tier: two generations of a concurrent map. When the current one is full it becomes
/// the previous one and the oldest generation is dropped, so memory stays bounded at twice the capacity
/// with O(1) work per call and no per-entry bookkeeping on the hot path.
/// </summary>
public sealed class MemoryTier(int capacity)
{
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<CacheKey, IrisPrediction> _current = new();
    private ConcurrentDictionary<CacheKey, IrisPrediction> _previous = new();
    private int _count;

    public bool TryGet(CacheKey key, out IrisPrediction prediction)
    {
        if (_current.TryGetValue(key, out prediction!))
        {
            return true;
        }
        if (_previous.TryGetValue(key, out prediction!))
        {
            // Still in use: carry it into the current generation.
            Set(key, prediction);
            return true;
        }
        return false;
    }

    public void Set(CacheKey key, IrisPrediction prediction)
    {
        if (_current.TryAdd(key, prediction) && Interlocked.Increment(ref _count) >= capacity)
        {
            Rotate();
        }
    }

    private void Rotate()
    {
        lock (_rotation)
        {
            if (Volatile.Read(ref _count) < capacity)
            {
                return;
            }
            _previous = _current;
            _current = new ConcurrentDictionary<CacheKey, IrisPrediction>();
            Volatile.Write(ref _count, 0);
        }
    }
}
