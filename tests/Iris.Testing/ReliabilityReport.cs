namespace Iris.Testing;

/// <summary>
/// The figures of the fault and hostile-input suites, one file per test under
/// <c>TestResults/reliability/</c>; <c>./test.sh</c> prints them after the run, and
/// docs/reliability.md quotes them.
/// </summary>
public static class ReliabilityReport
{
    public static string Folder { get; } = System.IO.Path.Combine(RepositoryRoot.Path, "TestResults", "reliability");

    public static void Write(string name, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllLines(System.IO.Path.Combine(Folder, $"{name}.md"), lines);
    }
}
