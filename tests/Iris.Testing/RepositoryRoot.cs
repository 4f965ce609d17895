namespace Iris.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding Iris.sln, found above the test's build output.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Iris.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Iris.sln not found above the test's folder.");
    }
}
