using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Iris.Testing;

/// <summary>
/// A Redis-protocol server as a process on a free loopback port, started (and started again on the
/// same port) until it answers PING, and ended by its PID.
/// </summary>
public abstract class CacheServerProcess : ICacheServer
{
    private Process? _process;

    // Outside the ephemeral range: the server is restarted on this port in outage tests.
    public int Port { get; } = LoopbackPort.FreeForRestarts();

    public abstract string Name { get; }

    public abstract string ConnectionString { get; }

    /// <summary>How to start the server on <see cref="Port"/>.</summary>
    protected abstract ProcessStartInfo StartInfo();

    /// <summary>What to send before PING (AUTH, for a server with a password).</summary>
    protected virtual string? Password => null;

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var start = StartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AnswersPingAsync())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} on port {Port} did not answer PING.");
            }
            await Task.Delay(50);
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
            // RESP arrays: Garnet does not take AUTH as an inline command.
            var auth = Password is { } value ? $"*2\r\n$4\r\nAUTH\r\n${value.Length}\r\n{value}\r\n" : "";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(auth + "*1\r\n$4\r\nPING\r\n"));
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
}
