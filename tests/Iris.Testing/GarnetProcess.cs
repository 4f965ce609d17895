using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace Iris.Testing;

/// <summary>
/// Microsoft Garnet as the AppHost runs it for Cache:Mode garnet: Iris.Cache's build output (which
/// bounds its memory), with a password. Needs nothing installed.
/// </summary>
public sealed class GarnetProcess : CacheServerProcess
{
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public override string Name => "Garnet";

    public override string ConnectionString => $"127.0.0.1:{Port},password={_password}";

    protected override string Password => _password;

    protected override ProcessStartInfo StartInfo()
    {
        var configuration = typeof(GarnetProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(RepositoryRoot.Path, "Iris.Cache", "bin", configuration, "net10.0", "Iris.Cache.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--port", Port.ToString(), "--bind", "127.0.0.1"]);
        start.Environment["CACHE_PASSWORD"] = _password;
        return start;
    }
}
