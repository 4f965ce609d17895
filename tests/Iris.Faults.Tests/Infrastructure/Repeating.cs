namespace Iris.Faults.Tests.Infrastructure;

/// <summary>
/// An action run again and again, a fixed interval apart, in the background while a fault lasts;
/// stopped when disposed, so that it ends with its test even when the test fails.
/// </summary>
public sealed class Repeating : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private Repeating(TimeSpan interval, Func<Task> action) => _running = RunAsync(interval, action);

    public static Repeating Every(TimeSpan interval, Func<Task> action) => new(interval, action);

    /// <summary>Lets the run in progress finish, then starts no other.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, Func<Task> action)
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            await action();
            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
