using System.Collections.Concurrent;
using Iris.Predictor.Model;

namespace Iris.Predictor.Caching;

/// <summary>
/// The in-process tier: two generations of a concurrent map. When the current one is full it becomes
/// the previous one and the oldest generation is dropped, so memory stays bounded at twice the capacity
/// with O(1) work per call and no per-entry bookkeeping on the hot path.
/// A doorkeeper admits an entry only on its second sighting, so that a stream of all-distinct
/// inputs costs a hash and an array write instead of filling and rotating maps for nothing.
/// </summary>
public sealed class MemoryTier(int capacity)
{
    private const int DoorkeeperSlots = 1 << 16;

    // Hashes of keys seen once; a collision at worst admits a key early or late.
    private readonly int[] _seenOnce = new int[DoorkeeperSlots];
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

    /// <summary>True when the key was seen before (worth caching); otherwise remembers it and says no.</summary>
    public bool ShouldAdmit(CacheKey key)
    {
        // The record's own hash leaves the low bits equal for whole-number measurements (5.0 and 6.0
        // differ only in high float bits); mixing spreads every bit before the slot is taken from the low ones.
        var hash = HashCode.Combine(key.GetHashCode()) | 1;
        ref var slot = ref _seenOnce[hash & (DoorkeeperSlots - 1)];
        if (slot == hash)
        {
            return true;
        }
        slot = hash;
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
