namespace Iris.Testing;

/// <summary>
/// For tests that count which spans were sampled. Every tracer in a process hears every activity, and
/// an activity is recorded when any of them samples it, so these tests run alone, after the others:
/// each test project declares the collection (xunit finds definitions in the test's own assembly only).
/// </summary>
public static class SoleTracer
{
    public const string Name = "Alone, for counting sampled spans";
}
