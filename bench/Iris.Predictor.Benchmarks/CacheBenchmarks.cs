using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using BenchmarkDotNet.Attributes;
using Iris.Predictor.Caching;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Iris.Predictor.Prediction;
using Iris.Predictor.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Iris.Predictor.Benchmarks;

/// <summary>
/// One prediction through <see cref="PredictionCache"/>: off (the model alone), as shipped (the
/// policy bypasses this model), with the model forced into the in-process tier (a repeated flower's
/// hit, all-distinct flowers' misses), and the Redis read that the shared tier adds to an in-process
/// miss (against a real redis-server started here on a free loopback port).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class CacheBenchmarks
{
    private IrisModel _model = null!;
    private PredictionCache _off = null!;
    private PredictionCache _shipped = null!;
    private PredictionCache _inProcess = null!;
    private Process? _redisServer;
    private ServiceProvider? _redis;
    private IDistributedCache _redisCache = null!;
    private int _distinct;

    [GlobalSetup]
    public void Setup()
    {
        var store = Shared.LoadStore();
        _model = store.Current;
        _off = Create(store, new() { ["PredictionCache:Enabled"] = "false" });
        _shipped = Create(store, []);
        _inProcess = Create(store, new() { ["PredictionCache:InProcessFrom"] = "00:00:00" });

        var port = FreePort();
        _redisServer = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        });
        _redis = new ServiceCollection().AddStackExchangeRedisCache(options => options.Configuration = $"127.0.0.1:{port},abortConnect=false,connectRetry=20").BuildServiceProvider();
        _redisCache = _redis.GetRequiredService<IDistributedCache>();
        _redisCache.Set("iris:cache:stored", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_model.Predict(Shared.TrainingFlowers[0]), PredictionJsonContext.Default.IrisPrediction));
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

    [Benchmark(Description = "as shipped (this model bypasses the cache)")]
    public ValueTask<IrisPrediction> Shipped() => _shipped.GetOrPredictAsync(_model, Shared.DistinctFlower(_distinct++));

    [Benchmark(Description = "in process, repeated input (hit)")]
    public ValueTask<IrisPrediction> InProcessHit() => _inProcess.GetOrPredictAsync(_model, Shared.TrainingFlowers[0]);

    [Benchmark(Description = "in process, all-distinct inputs (miss and fill)")]
    public ValueTask<IrisPrediction> InProcessMiss() => _inProcess.GetOrPredictAsync(_model, Shared.DistinctFlower(_distinct++));

    [Benchmark(Description = "Redis read (what the shared tier adds to a miss)")]
    public Task<byte[]?> RedisRead() => _redisCache.GetAsync("iris:cache:stored");

    /// <summary>The cache as the service registers it, with <paramref name="settings"/>.</summary>
    private static PredictionCache Create(ModelStore store, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMetrics().AddSingleton(store).AddSingleton<PredictorMetrics>();
        builder.AddPredictionCache(redis: false);
        return builder.Build().Services.GetRequiredService<PredictionCache>();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
