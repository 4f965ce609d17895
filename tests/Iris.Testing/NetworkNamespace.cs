using System.Diagnostics;

namespace Iris.Testing;

/// <summary>
/// A private network, as pods on a cluster's network have: a network namespace with its own loopback
/// (127.0.0.0/8), shared by the processes started in it (<see cref="ServiceProcess.StartAsync"/>), and
/// a packet filter that the test controls, to make an address stop answering as a pod that is gone or
/// a node that died does: packets to and from it are dropped, nobody answers or refuses. Made with
/// <c>unshare</c> in a user namespace of its own (no privilege needed, and the machine's own network
/// and filter are never touched); held by a sleeping process, and gone when that ends.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private readonly Process _holder;

    private NetworkNamespace(Process holder) => _holder = holder;

    /// <summary>The command prefix that runs a program inside: as root of its user namespace, in its network.</summary>
    public IReadOnlyList<string> Enter => ["nsenter", $"--target={_holder.Id}", "--user", "--net"];

    public static async Task<NetworkNamespace> CreateAsync()
    {
        var holder = Process.Start(new ProcessStartInfo("unshare", ["--map-root-user", "--net", "sleep", "infinity"]))
            ?? throw new InvalidOperationException("unshare did not start.");
        var network = new NetworkNamespace(holder);
        try
        {
            // Until unshare has made the namespace and become sleep, entering its PID would enter the machine's own network.
            var own = ResolveLink("/proc/self/ns/net");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (ReadComm(holder.Id) != "sleep" || ResolveLink($"/proc/{holder.Id}/ns/net") == own)
            {
                if (holder.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("unshare --map-root-user --net did not make a network namespace.");
                }
                await Task.Delay(20);
            }
            await network.RunAsync("ip", "link", "set", "lo", "up");
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>From now on, every packet to or from <paramref name="address"/> is dropped.</summary>
    public async Task DropAsync(string address)
    {
        await RunAsync("iptables", "-I", "INPUT", "-s", address, "-j", "DROP");
        await RunAsync("iptables", "-I", "INPUT", "-d", address, "-j", "DROP");
    }

    public ValueTask DisposeAsync()
    {
        if (!_holder.HasExited)
        {
            _holder.Kill();
            _holder.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _holder.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(params string[] command)
    {
        string[] inside = [.. Enter, .. command];
        var start = new ProcessStartInfo(inside[0], inside[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{inside[0]} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({process.ExitCode}): {await errors}");
        }
    }

    private static string? ResolveLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
