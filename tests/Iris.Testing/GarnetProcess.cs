using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Iris.Testing;

/// <summary>
/// Microsoft Garnet as the AppHost runs it for Cache:Mode garnet (Iris.Cache's build output, a password,
/// bounded memory) on a free loopback port, ended by its PID when disposed. Needs nothing installed.
/// </summary>
public sealed class GarnetProcess : ICacheServer
{
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private Process? _process;

    // Outside the ephemeral range: the server is restarted on this port in outage tests.
    public int Port { get; } = LoopbackPort.FreeForRestarts();

    public string Name => "Garnet";

    public string ConnectionString => $"127.0.0.1:{Port},password={_password}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var assembly = Path.Combine(RepositoryRoot.Path, "Iris.Cache", "bin", BuildConfiguration(), "net10.0", "Iris.Cache.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--port", Port.ToString(), "--bind", "127.0.0.1", "--memory", "64m", "--index", "16m"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CACHE_PASSWORD"] = _password;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Iris.Cache did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AnswersPingAsync())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"Garnet on port {Port} did not answer PING.");
            }
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process?.Dispose();
        _process = null;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"*2\r\n$4\r\nAUTH\r\n${_password.Length}\r\n{_password}\r\n*1\r\n$4\r\nPING\r\n"));
            var replies = "";
            var buffer = new byte[64];
            while (!replies.Contains("PONG", StringComparison.Ordinal) && !replies.Contains('-'))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return false;
                }
                replies += Encoding.ASCII.GetString(buffer, 0, read);
            }
            return replies.Contains("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    private static string BuildConfiguration() =>
        typeof(GarnetProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
