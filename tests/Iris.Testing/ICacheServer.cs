namespace Iris.Testing;

/// <summary>A Redis-protocol server the tests start, kill and start again: redis-server, or Garnet as Iris.Cache hosts it.</summary>
public interface ICacheServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>What it is, in words for reports: "Redis", "Garnet".</summary>
    string Name { get; }

    /// <summary>As the predictor takes it in <c>ConnectionStrings:cache</c>.</summary>
    string ConnectionString { get; }

    /// <summary>Starts the server on its port (again, after <see cref="Stop"/>) and waits until it answers PING.</summary>
    Task StartAsync();

    /// <summary>Kills the server, as a crash would: nothing is saved.</summary>
    void Stop();
}
