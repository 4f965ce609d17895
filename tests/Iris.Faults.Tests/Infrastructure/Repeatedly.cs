namespace Iris.Faults.Tests.Infrastructure;

public static class Repeatedly
{
    /// <summary>Runs the action, then again after each interval, until stopped; the run in progress finishes first.</summary>
    public static async Task EveryAsync(TimeSpan interval, Func<Task> action, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await action();
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
