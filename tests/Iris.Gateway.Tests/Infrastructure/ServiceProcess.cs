using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// One of the system's services (Iris.Predictor, Iris.Web) as a real process on a free loopback
/// port, from its build output; ended by its PID.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The resident memory of the process now (VmRSS), in MiB.</summary>
    public double ResidentMegabytes =>
        File.ReadLines($"/proc/{_process.Id}/status").Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024)
            .Single();

    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var port = FreePort();
        var assembly = Path.Combine(RepositoryRoot(), project, "bin", BuildConfiguration(), "net10.0", $"{project}.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, port);
        await service.WaitUntilAliveAsync(project);
        return service;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A loopback port that nothing listens on at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAliveAsync(string project)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync($"{Address}/alive")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        Kill();
        throw new InvalidOperationException($"{project} did not come up on port {Port}.");
    }

    private static string BuildConfiguration() =>
        typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Iris.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Iris.sln not found above the test's folder.");
    }
}
