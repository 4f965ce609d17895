using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.AppHost.Tests.Infrastructure;

/// <summary>
/// The whole system started from the real AppHost (Aspire.Hosting.Testing: random ports, no dashboard)
/// with the given cache mode; stopped, with every process it started, when disposed.
/// </summary>
public abstract class IrisApp(string cacheMode) : IAsyncLifetime
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
            [$"--Cache:Mode={cacheMode}"], cancellation.Token);

        _app = await builder.BuildAsync(cancellation.Token);
        await _app.StartAsync(cancellation.Token);
        // The gateway waits for the web app and the predictor, which wait for the cache.
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellation.Token);

        Gateway = _app.CreateHttpClient("gateway");
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// A client of the gateway connecting from another loopback address (127.0.0.0/8 is all local),
    /// so that the gateway sees another client, with its own rate-limit bucket.
    /// </summary>
    public HttpClient GatewayFrom(IPAddress clientAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(clientAddress, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = Gateway.BaseAddress };
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
