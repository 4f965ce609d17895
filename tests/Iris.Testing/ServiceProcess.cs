using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Iris.Testing;

/// <summary>
/// One of the system's services (Iris.Predictor, Iris.Web, Iris.Gateway) as a real process on a
/// loopback port, from its build output; its console output kept for the test to read; ended by its PID.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    private ServiceProcess(Process process, string host, int port, int? grpcPort)
    {
        _process = process;
        Host = host;
        Port = port;
        GrpcPort = grpcPort;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
    }

    /// <summary>The loopback address it listens at: 127.0.0.1 unless the test chose another of 127/8.</summary>
    public string Host { get; }

    public int Port { get; }

    public string Address => $"http://{Host}:{Port}";

    /// <summary>The port of the service's gRPC (h2c) endpoint, for a service that has one.</summary>
    public int? GrpcPort { get; }

    public string GrpcAddress => GrpcPort is { } grpc ? $"http://{Host}:{grpc}" : throw new InvalidOperationException("This service has no gRPC endpoint.");

    /// <summary>Every line the process has written to stdout and stderr so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The resident memory of the process now (VmRSS), in MiB.</summary>
    public double ResidentMegabytes =>
        File.ReadLines($"/proc/{_process.Id}/status").Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .Single();

    /// <summary>
    /// Starts the project's build output in the Production environment, with the given environment
    /// variables (configuration keys with <c>__</c> for <c>:</c>), on <paramref name="port"/> or a free one
    /// (and, for a service with a gRPC endpoint, <paramref name="grpcPort"/> or a free one), and waits
    /// until it answers <c>/alive</c>. With <paramref name="hostsFile"/>, the process sees that file as
    /// its <c>/etc/hosts</c> (a private mount namespace, <c>unshare</c>): names that resolve as the test says.
    /// With <paramref name="network"/>, it runs in that network namespace, out of the test's reach, and is
    /// up once it logs that it has started.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string project, IReadOnlyDictionary<string, string?>? environment = null, int? port = null, int? grpcPort = null,
        string host = "127.0.0.1", string? hostsFile = null, NetworkNamespace? network = null)
    {
        var service = Launch(project, environment, port, grpcPort, host, hostsFile, network);
        if (network is null)
        {
            await service.WaitUntilAliveAsync(project);
        }
        else if (!await service.WaitForOutputAsync("Application started.", TimeSpan.FromSeconds(60)))
        {
            await service.DisposeAsync();
            throw new InvalidOperationException($"{project} did not start in its network namespace:\n{string.Join('\n', service._output.TakeLast(20))}");
        }
        return service;
    }

    /// <summary>
    /// Starts the project as <see cref="StartAsync"/> does, with settings it should refuse, and waits
    /// until it exits by itself: what a pod's log shows when its start fails. Its exit code and every
    /// line it wrote; throws if it is still running after a minute.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RefusedStartAsync(string project, IReadOnlyDictionary<string, string?> environment)
    {
        await using var service = Launch(project, environment, port: null, grpcPort: null, host: "127.0.0.1", hostsFile: null, network: null);
        if (!await service.WaitForExitAsync(TimeSpan.FromMinutes(1)))
        {
            throw new InvalidOperationException($"{project} was still running after a minute:\n{string.Join('\n', service._output.TakeLast(20))}");
        }
        return (service.ExitCode, string.Join('\n', service._output));
    }

    /// <summary>Configuration settings as the environment variables a process reads them from (<c>__</c> for <c>:</c>).</summary>
    public static Dictionary<string, string?> AsEnvironment(IReadOnlyDictionary<string, string?> settings) =>
        settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    private static ServiceProcess Launch(
        string project, IReadOnlyDictionary<string, string?>? environment, int? port, int? grpcPort, string host, string? hostsFile,
        NetworkNamespace? network)
    {
        var listenOn = port ?? LoopbackPort.Free();
        var assembly = AssemblyOf(project);
        var grpcOn = HasGrpcEndpoint(assembly) ? grpcPort ?? LoopbackPort.Free() : (int?)null;
        // unshare execs the shell, which execs dotnet: the PID this class kills is the service's own.
        // bash, not sh: dash drops environment variables whose names are not shell names, such as
        // ReverseProxy__Clusters__predictor-grpc__… or Logging__LogLevel__Yarp.ReverseProxy.
        // nsenter and unshare exec what they run (nsenter forks only to enter a PID namespace, which it does not here).
        string[] command = hostsFile is null
            ? ["dotnet", assembly]
            // Inside a network namespace the process is already root of that namespace's user namespace.
            : [.. network is null ? new[] { "unshare", "--map-root-user" } : ["unshare"], "--mount", "bash", "-c", "mount --bind \"$0\" /etc/hosts && exec dotnet \"$1\"", hostsFile, assembly];
        if (network is not null)
        {
            command = [.. network.Enter, .. command];
        }
        var start = new ProcessStartInfo(command[0], command[1..]);
        start.WorkingDirectory = Path.GetDirectoryName(assembly)!;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        // The services name their endpoints in configuration (Kestrel:Endpoints), which --urls would not override.
        start.Environment["Kestrel__Endpoints__http__Url"] = $"http://{host}:{listenOn}";
        if (grpcOn is { } grpc)
        {
            start.Environment["Kestrel__Endpoints__grpc__Url"] = $"http://{host}:{grpc}";
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start.");
        var service = new ServiceProcess(process, host, listenOn, grpcOn);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until a line of output contains <paramref name="text"/>; false if none did within the time.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Asks the process to stop (SIGTERM), as Kubernetes does when it deletes a pod; returns at once.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// Waits until the process has exited by itself and its output has been read to the end; false if
    /// it has not exited within the time.
    /// </summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Ends the process at once, as a crash or an OOM kill would.</summary>
    public void Kill()
    {
        if (!_disposed && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _disposed = true;
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
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
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        Kill();
        _disposed = true;
        _process.Dispose();
        throw new InvalidOperationException($"{project} did not come up on port {Port}:\n{string.Join('\n', _output.TakeLast(20))}");
    }

    /// <summary>Whether the service's shipped settings give it a gRPC endpoint (Kestrel:Endpoints:grpc).</summary>
    private static bool HasGrpcEndpoint(string assembly)
    {
        var settings = Path.Combine(Path.GetDirectoryName(assembly)!, "appsettings.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(settings), new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        return json.RootElement.TryGetProperty("Kestrel", out var kestrel) && kestrel.TryGetProperty("Endpoints", out var endpoints)
            && endpoints.TryGetProperty("grpc", out _);
    }

    /// <summary>The project's build output, of the configuration the tests were built in.</summary>
    public static string AssemblyOf(string project) =>
        Path.Combine(RepositoryRoot.Path, project, "bin", BuildConfiguration(), "net10.0", $"{project}.dll");

    private static string BuildConfiguration() =>
        typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
