using System.Globalization;
using Iris.Predictor.Model;

namespace Iris.Predictor.Caching;

/// <summary>A prediction's identity: the model version is part of it, so a new model never serves an old answer.</summary>
public readonly record struct CacheKey(string ModelVersion, IrisMeasurements Flower)
{
    public string ToRedisKey() => string.Create(CultureInfo.InvariantCulture,
        $"iris:cache:{ModelVersion}:{Flower.SepalLength:R}:{Flower.SepalWidth:R}:{Flower.PetalLength:R}:{Flower.PetalWidth:R}");
}
