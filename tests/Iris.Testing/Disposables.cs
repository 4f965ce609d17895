namespace Iris.Testing;

public static class Disposables
{
    /// <summary>
    /// Disposes each in turn, skipping those never created (a start that failed part-way) and going on
    /// past one that throws, so that no process outlives its test.
    /// </summary>
    public static async Task DisposeAllAsync(params IAsyncDisposable?[] resources)
    {
        var failures = new List<Exception>();
        foreach (var resource in resources)
        {
            try
            {
                if (resource is not null)
                {
                    await resource.DisposeAsync();
                }
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }
        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }
}
