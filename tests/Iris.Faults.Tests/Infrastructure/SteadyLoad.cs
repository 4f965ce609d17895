using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Iris.Faults.Tests.Infrastructure;

/// <summary>
/// Prediction requests through the gateway at a fixed rate, whatever the answers: an open loop, so
/// a slow or failing system is not sent less (as a closed loop of waiting clients would), and every
/// request's start, latency and answer is kept.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    public const int RequestsPerSecond = 300;

    /// <summary>Each request's number, so that a fault injected behind the gateway can say which requests it touched.</summary>
    public const string RequestHeader = "X-Load-Request";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    private readonly HttpClient _client;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly ConcurrentDictionary<int, Task> _inFlight = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new(20261125);
    private readonly Task _loop;
    private int _sent;

    private SteadyLoad(string gateway, string? unixSocket)
    {
        var handler = unixSocket is null ? new SocketsHttpHandler() : ThroughUnixSocket(unixSocket);
        handler.MaxConnectionsPerServer = int.MaxValue;
        _client = new HttpClient(handler)
        {
            BaseAddress = new Uri(gateway),
            // Longer than any timeout in the system: a request that takes this long is hung.
            Timeout = TimeSpan.FromSeconds(30),
        };
        _loop = RunAsync();
    }

    /// <summary>One request: when it started (on the load's clock), how long it took, and the answer (status 0: none).</summary>
    public sealed record Outcome(int Id, TimeSpan Started, TimeSpan Latency, int Status, string Body)
    {
        public TimeSpan Completed => Started + Latency;
    }

    /// <summary>Time since the load started, to mark when a fault began and ended.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyCollection<Outcome> OutcomesSoFar => _outcomes;

    public static SteadyLoad Start(string gateway) => new(gateway, unixSocket: null);

    /// <summary>An HTTP handler whose every connection is to the Unix socket at <paramref name="path"/>, whatever the request's address.</summary>
    public static SocketsHttpHandler ThroughUnixSocket(string path) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Through a gateway that listens on a Unix socket (one in a network namespace of its own).</summary>
    public static SteadyLoad StartThroughUnixSocket(string socketPath) => new("http://localhost", socketPath);

    /// <summary>Stops sending, waits for every request in flight, and returns them all.</summary>
    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Task.WhenAll(_inFlight.Values);
        return new LoadResult([.. _outcomes.OrderBy(o => o.Started)], _clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                // Catch up after a stall of this loop: the schedule, not the loop, sets the rate.
                var due = (int)(_clock.Elapsed.TotalSeconds * RequestsPerSecond);
                while (_sent < due)
                {
                    var id = ++_sent;
                    _inFlight[id] = SendAsync(id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task SendAsync(int id)
    {
        await Task.Yield();
        var started = _clock.Elapsed;
        int status;
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/predict")
            {
                Content = new StringContent(NextFlower(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(RequestHeader, id.ToString(CultureInfo.InvariantCulture));
            using var response = await _client.SendAsync(request);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            status = 0;
            body = ex.Message;
        }
        _outcomes.Enqueue(new Outcome(id, started, _clock.Elapsed - started, status, body));
        _inFlight.TryRemove(id, out _);
    }

    /// <summary>Measurements in the ranges of the training data, to 0.1 cm as people measure.</summary>
    private string NextFlower()
    {
        lock (_random)
        {
            string Cm(double low, double high) => (Math.Round((low + _random.NextDouble() * (high - low)) * 10) / 10).ToString(CultureInfo.InvariantCulture);
            return $$"""{"sepalLength":{{Cm(4.3, 7.9)}},"sepalWidth":{{Cm(2.0, 4.4)}},"petalLength":{{Cm(1.0, 6.9)}},"petalWidth":{{Cm(0.1, 2.5)}}}""";
        }
    }
}
