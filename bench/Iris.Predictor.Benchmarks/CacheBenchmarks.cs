using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Iris.Predictor.Caching;
using Iris.Predictor.Infrastructure;
using Iris.Predictor.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Iris.Predictor.Benchmarks;

/// <summary>
/// One prediction through <see cref="PredictionCache"/>: off (the model alone), an in-process hit,
/// all-distinct inputs (miss, then fill), and the Redis round trip that the policy weighs against
/// the model (measured against a real redis-server started here on a free loopback port).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class CacheBenchmarks
{
    private IrisModel _model = null!;
    private PredictionCache _off = null!;
    private PredictionCache _on = null!;
    private Process? _redisServer;
    private ConnectionMultiplexer? _redis;
    private RedisTier? _redisTier;
    private CacheKey _storedKey;
    private int _distinct;

    [GlobalSetup]
    public void Setup()
    {
        var store = Shared.LoadStore();
        _model = store.Current;
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new PredictorMetrics(services.GetRequiredService<IMeterFactory>(), store);
        _off = Create(enabled: false, metrics);
        _on = Create(enabled: true, metrics);

        var port = FreePort();
        _redisServer = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        });
        _redis = ConnectionMultiplexer.Connect($"127.0.0.1:{port},abortConnect=false,connectRetry=20");
        var policy = new CachePolicy(Options.Create(new PredictionCacheOptions()));
        _redisTier = new RedisTier(policy, Options.Create(new PredictionCacheOptions()), NullLogger<RedisTier>.Instance, _redis);
        _storedKey = new CacheKey(_model.Version, Shared.TrainingFlowers[0]);
        _redis.GetDatabase().StringSet(_storedKey.ToRedisKey(),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_model.Predict(_storedKey.Flower), PredictorJsonContext.Default.IrisPrediction));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _redis?.Dispose();
        if (_redisServer is { HasExited: false })
        {
            _redisServer.Kill();
            _redisServer.WaitForExit();
        }
    }

    [Benchmark(Baseline = true, Description = "cache off (model only)")]
    public ValueTask<IrisPrediction> Off() => _off.GetOrPredictAsync(_model, Shared.DistinctFlower(_distinct++));

    [Benchmark(Description = "cache on, repeated input (memory hit)")]
    public ValueTask<IrisPrediction> RepeatedHit() => _on.GetOrPredictAsync(_model, Shared.TrainingFlowers[0]);

    [Benchmark(Description = "cache on, all-distinct inputs (miss + fill, Redis bypassed)")]
    public ValueTask<IrisPrediction> DistinctMiss() => _on.GetOrPredictAsync(_model, Shared.DistinctFlower(_distinct++));

    [Benchmark(Description = "Redis round trip (what a Redis hit would cost)")]
    public ValueTask<IrisPrediction?> RedisHit() => _redisTier!.TryGetAsync(_storedKey);

    private static PredictionCache Create(bool enabled, PredictorMetrics metrics)
    {
        var options = Options.Create(new PredictionCacheOptions { Enabled = enabled });
        var policy = new CachePolicy(options);
        return new PredictionCache(options, policy, new RedisTier(policy, options, NullLogger<RedisTier>.Instance), metrics);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
