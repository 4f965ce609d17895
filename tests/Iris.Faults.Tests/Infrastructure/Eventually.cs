namespace Iris.Faults.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>
    /// Asks until the answer satisfies the condition, and returns it; fails after a minute (or
    /// <paramref name="within"/>), a bound for a hang, not a target (recovery times are reported, not asserted).
    /// </summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> ask, Func<T, bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            try
            {
                var answer = await ask();
                if (condition(answer))
                {
                    return answer;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not answering yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(within ?? TimeSpan.FromMinutes(1)).TotalSeconds:F0} s for {what}.");
            }
            await Task.Delay(100);
        }
    }
}
