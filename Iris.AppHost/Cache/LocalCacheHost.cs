using System.Reflection;

namespace Iris.AppHost.Cache;

/// <summary>Where the <c>Iris.Cache</c> project, which hosts Garnet, has been built: beside the AppHost's own configuration.</summary>
public static class LocalCacheHost
{
    /// <summary>The variable Iris.Cache reads the password from (the same name as the password variable Aspire gives Redis's clients).</summary>
    public const string PasswordVariable = "CACHE_PASSWORD";

    public static string AssemblyPath()
    {
        var project = Path.GetDirectoryName(new Projects.Iris_Cache().ProjectPath)!;
        var configuration = typeof(LocalCacheHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(project, "bin", configuration, "net10.0", "Iris.Cache.dll");
    }
}
