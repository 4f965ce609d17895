using System.Diagnostics;

namespace Iris.Testing;

/// <summary>A real <c>redis-server</c> (./test.sh installs it), persisting nothing: what production runs.</summary>
public sealed class RedisServer : CacheServerProcess
{
    public override string Name => "Redis";

    public override string ConnectionString => $"127.0.0.1:{Port}";

    protected override ProcessStartInfo StartInfo() =>
        new("redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
}
