namespace Iris.Testing;

public static class Eventually
{
    private static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Asks until the answer satisfies the condition, and returns it: for effects that land off the
    /// request path or after a fault. Fails after a minute (or <paramref name="within"/>), a bound for
    /// a hang, not a target: how long it took is reported, never asserted.
    /// </summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> ask, Func<T, bool> condition, string what, TimeSpan? within = null)
    {
        var bound = within ?? DefaultBound;
        var deadline = DateTime.UtcNow + bound;
        var answer = await ask();
        while (!condition(answer))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {bound.TotalSeconds:F0} s for {what}; last seen: {Describe(answer)}");
            }
            await Task.Delay(50);
            answer = await ask();
        }
        return answer;
    }

    private static string? Describe<T>(T answer) =>
        answer is System.Collections.IEnumerable items and not string
            ? $"[{string.Join(", ", items.Cast<object>())}]"
            : answer?.ToString();
}
