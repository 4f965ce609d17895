using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.AppHost.Tests.Infrastructure;

/// <summary>
/// The whole system started from the real AppHost (Aspire.Hosting.Testing: random ports, no dashboard)
/// with the given cache mode; stopped, with every process it started, when disposed.
/// </summary>
public abstract class IrisApp(string cacheMode, params string[] settings) : IAsyncLifetime
{
    // Generous: the first start on a loaded 2-core machine also builds and JIT-compiles everything.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Iris_AppHost>(
            [$"--Cache:Mode={cacheMode}", .. settings], cancellation.Token);

        _app = await builder.BuildAsync(cancellation.Token);
        await using var record = new StartupRecord(_app);
        try
        {
            // The start waits for the resources the gateway waits for: the web app and the predictor,
            // which wait for the cache.
            await _app.StartAsync(cancellation.Token);
            await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"The system did not start within {StartTimeout.TotalMinutes} minutes. The resources:{Environment.NewLine}{record.Describe()}");
        }

        Gateway = _app.CreateHttpClient("gateway");
    }

    public virtual async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The process IDs of a project's running replicas, as the orchestrator reports them.</summary>
    public async Task<IReadOnlyList<int>> ReplicaProcessIdsAsync(string resourceName, int expected, CancellationToken cancellationToken)
    {
        var pids = new Dictionary<string, int>();
        await foreach (var update in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name == resourceName
                && update.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                && int.TryParse(pid.ToString(), out var id))
            {
                pids[update.ResourceId] = id;
                if (pids.Count == expected)
                {
                    break;
                }
            }
        }
        return [.. pids.Values];
    }

    /// <summary>
    /// Each running replica's own address for one of its endpoints, behind the orchestrator's proxy:
    /// the URL Kestrel was told to listen at, as the orchestrator resolved it for that replica.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> ReplicaAddressesAsync(string resourceName, string endpointName, int expected, CancellationToken cancellationToken)
    {
        var variable = $"Kestrel__Endpoints__{endpointName}__Url";
        var addresses = new Dictionary<string, Uri>();
        await foreach (var update in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name == resourceName
                && update.Snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == variable)?.Value is { } url)
            {
                // Kestrel is told "http://*:port"; a client calls the replica on the loopback address.
                addresses[update.ResourceId] = new UriBuilder(url.Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)).Uri;
                if (addresses.Count == expected)
                {
                    break;
                }
            }
        }
        return [.. addresses.Values];
    }

    public IResource? FindResource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.SingleOrDefault(r => r.Name == name);
}

public sealed class IrisAppWithLocalRedis() : IrisApp("local");

/// <summary>Test classes that share one system with a local redis-server: it starts once for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class SystemWithRedisCollection : ICollectionFixture<IrisAppWithLocalRedis>
{
    public const string Name = "System with Redis";
}

public sealed class IrisAppWithoutRedis() : IrisApp("none");

/// <summary>
/// Without Redis and without the gateway's rate limit: a load test from one client. (Behind
/// Aspire's proxy every local client reaches the gateway from the same address, so they share a bucket.)
/// </summary>
public sealed class IrisAppForLoad() : IrisApp("none", "--Gateway:RateLimit:TokensPerSecond=0");

/// <summary>
/// Without Redis and with a bucket of 20 refilled at one request a second, passed on by the AppHost:
/// a burst is refused however slowly a loaded machine sends it.
/// </summary>
public sealed class IrisAppWithTightRateLimit() : IrisApp("none", "--Gateway:RateLimit:TokensPerSecond=1", "--Gateway:RateLimit:Burst=20");

/// <summary>
/// With a local redis-server and without the rate limit: the Triton and KServe clients' contracts, a
/// few hundred requests from one address in a few seconds.
/// </summary>
public sealed class IrisAppForInferenceClients() : IrisApp("local", "--Gateway:RateLimit:TokensPerSecond=0");

[CollectionDefinition(Name)]
public sealed class InferenceClientsCollection : ICollectionFixture<IrisAppForInferenceClients>
{
    public const string Name = "Inference clients";
}

/// <summary>With the embedded Garnet cache: what a machine with nothing but the .NET SDK gets.</summary>
public sealed class IrisAppWithGarnet() : IrisApp("garnet");

/// <summary>
/// With a candidate model as the canary (--Canary:Model) taking all of the predictor traffic, so that
/// every answer through the gateway must come from it; without Redis and without the rate limit.
/// </summary>
public sealed class IrisAppWithCanary : IrisApp
{
    private readonly string _directory;

    public IrisAppWithCanary() : this(Directory.CreateTempSubdirectory("iris-canary-").FullName)
    {
    }

    private IrisAppWithCanary(string directory) : this(directory, CandidateModel.TrainInto(directory))
    {
    }

    private IrisAppWithCanary(string directory, (string Path, string Version) candidate)
        : base("none", $"--Canary:Model={candidate.Path}", "--Canary:Percent=100", "--Gateway:RateLimit:TokensPerSecond=0")
    {
        _directory = directory;
        CandidateVersion = candidate.Version;
    }

    public string CandidateVersion { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
