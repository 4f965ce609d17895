using System.Collections.Concurrent;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Iris.AppHost.Tests.Infrastructure;

/// <summary>
/// What each resource was doing while the system started: its latest state, health and exit code, and
/// the last lines it logged. A start that does not finish in time says which resource held it and why,
/// instead of a bare cancellation (the AppHost's start waits for every resource the gateway waits for).
/// </summary>
internal sealed class StartupRecord : IAsyncDisposable
{
    private const int LinesKept = 15;

    private readonly DistributedApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, CustomResourceSnapshot> _snapshots = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();
    private readonly List<Task> _watches = [];
    private readonly Lock _watchesLock = new();

    public StartupRecord(DistributedApplication app)
    {
        _app = app;
        Track(WatchResourcesAsync());
    }

    public string Describe() =>
        string.Join(Environment.NewLine, _snapshots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Describe(s.Key, s.Value)));

    private string Describe(string resourceId, CustomResourceSnapshot snapshot)
    {
        var text = new StringBuilder($"- {resourceId}: {snapshot.State?.Text ?? "no state"}");
        if (snapshot.ExitCode is { } exitCode)
        {
            text.Append($", exit code {exitCode}");
        }
        text.Append($", health {snapshot.HealthStatus?.ToString() ?? "unknown"}");
        foreach (var report in snapshot.HealthReports)
        {
            text.Append($"; {report.Name}: {report.Status?.ToString() ?? "not checked yet"}");
            if ((report.Description ?? report.ExceptionText) is { } why)
            {
                text.Append($" ({why.Split('\n', 2)[0].Trim()})");
            }
        }
        if (_logs.TryGetValue(resourceId, out var lines))
        {
            foreach (var line in lines)
            {
                text.Append($"{Environment.NewLine}    | {line}");
            }
        }
        return text.ToString();
    }

    private async Task WatchResourcesAsync()
    {
        await foreach (var update in _app.ResourceNotifications.WatchAsync(_stop.Token))
        {
            if (_snapshots.TryAdd(update.ResourceId, update.Snapshot))
            {
                Track(WatchLogsAsync(update.ResourceId));
            }
            _snapshots[update.ResourceId] = update.Snapshot;
        }
    }

    private async Task WatchLogsAsync(string resourceId)
    {
        var queue = _logs.GetOrAdd(resourceId, _ => new ConcurrentQueue<string>());
        var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(_stop.Token))
        {
            foreach (var line in batch)
            {
                queue.Enqueue(line.Content);
                while (queue.Count > LinesKept && queue.TryDequeue(out _))
                {
                }
            }
        }
    }

    private void Track(Task watch)
    {
        lock (_watchesLock)
        {
            _watches.Add(watch);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] watches;
        lock (_watchesLock)
        {
            watches = [.. _watches];
        }
        try
        {
            await Task.WhenAll(watches);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
