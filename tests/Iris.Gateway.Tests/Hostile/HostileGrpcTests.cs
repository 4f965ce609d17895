using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Iris.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Iris.Gateway.Tests.Hostile;

/// <summary>
/// Malformed gRPC calls from a seeded corpus, as raw HTTP/2 frames' worth of bytes, to the predictor's
/// gRPC port directly and through the gateway's: every one gets a gRPC status (never an HTTP 5xx or
/// a broken stream), no malformed inference gets OK, and the predictor is healthy afterwards.
/// (Garbage can decode as a message with only unknown fields, which a request without fields, such
/// as ServerMetadata's, rightly accepts.)
/// </summary>
public sealed class HostileGrpcTests(Backends backends, ITestOutputHelper output) : GatewayTest(backends)
{
    private const int Seed = 20261201;
    private const int PerTarget = 1_000;

    private static readonly string[] Methods =
        ["ModelInfer", "ModelMetadata", "ModelReady", "ServerMetadata", "NoSuchMethod"];

    [Fact]
    public async Task NoMalformedCallGetsA5xxOrOkAndThePredictorStaysHealthy()
    {
        var corpus = Generate(PerTarget, Seed);
        using var client = new HttpClient();

        var outcomes = new ConcurrentBag<(string Target, string Kind, string Method, string Status)>();
        foreach (var (target, address) in new[] { ("direct", Backends.Predictor.GrpcAddress), ("gateway", Gateway.GrpcAddress) })
        {
            await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (call, _) =>
                outcomes.Add((target, call.Kind, call.Method, await SendAsync(client, address, call))));
        }

        Assert.Equal(2 * PerTarget, outcomes.Count);
        Assert.Empty(outcomes.Where(o => !int.TryParse(o.Status, out _)).Select(o => $"{o.Target} {o.Kind} {o.Method}: {o.Status}"));
        Assert.Empty(outcomes.Where(o => o.Method == "ModelInfer" && o.Status == "0").Select(o => $"{o.Target} {o.Kind}"));
        using var direct = new HttpClient { BaseAddress = new Uri(Backends.Predictor.Address) };
        Assert.Equal("Healthy", await direct.GetStringAsync("/health"));

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"- **Malformed gRPC**: {outcomes.Count:N0} calls from a corpus seeded with {Seed}, {PerTarget:N0} to the predictor's gRPC port and the same through the gateway's; every one got a gRPC status, none an HTTP error or a broken stream, no malformed inference OK."),
        };
        foreach (var target in outcomes.GroupBy(o => o.Target).OrderBy(g => g.Key))
        {
            lines.Add($"  - {target.Key}: " + string.Join(", ", target.GroupBy(o => o.Status).OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"grpc-status {g.Key} × {g.Count():N0}"))));
        }
        lines.ForEach(output.WriteLine);
        ReliabilityReport.Write("hostile-grpc", lines);
    }

    private sealed record MalformedCall(string Kind, string Method, byte[] Body);

    /// <summary>The grpc-status of the answer, or what went wrong instead.</summary>
    private static async Task<string> SendAsync(HttpClient client, string address, MalformedCall call)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{address}/inference.GRPCInferenceService/{call.Method}")
        {
            Content = new ByteArrayContent(call.Body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }
            return Header(response.TrailingHeaders) ?? Header(response.Headers) ?? "no grpc-status";
        }
        catch (HttpRequestException ex)
        {
            return $"broken: {ex.Message}";
        }
    }

    private static string? Header(HttpHeaders headers) =>
        headers.TryGetValues("grpc-status", out var values) ? values.Single() : null;

    private static List<MalformedCall> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var makers = new List<Func<Random, MalformedCall>>
        {
            r => Framed("random bytes", r, RandomBytes(r, r.Next(1, 500))),
            r => Framed("truncated protobuf", r, ValidInfer()[..r.Next(1, ValidInfer().Length - 1)]),
            r => Framed("wrong wire types", r, [0x0A, 0x05, 0x69, 0x72, 0x69, 0x73, 0x2D, .. RandomBytes(r, 8)]),
            r => Framed("lengths past the end", r, [0x2A, 0xFF, 0xFF, 0xFF, 0x0F, 0x0A, 0x02]),
            r => new("message shorter than its prefix", "ModelInfer", [0, .. Prefix(200), .. RandomBytes(r, 20)]),
            r => new("no message at all", "ModelInfer", []),
            r => new("half a prefix", "ModelInfer", [0, 0, 0]),
            r => new("compressed flag without an encoding", "ModelInfer", [1, .. Prefix(4), 1, 2, 3, 4]),
            r => new("a prefix of 2 GB", "ModelInfer", [0, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3]),
            r => new("two messages for a unary call", "ModelInfer", [.. Frame(ValidInfer()), .. Frame(ValidInfer())]),
        };
        return [.. Enumerable.Range(0, count).Select(_ => makers[random.Next(makers.Count)](random))];
    }

    private static MalformedCall Framed(string kind, Random random, byte[] message) =>
        new(kind, Methods[random.Next(Methods.Length)], Frame(message));

    private static byte[] Frame(byte[] message) => [0, .. Prefix(message.Length), .. message];

    private static byte[] Prefix(int length)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        return prefix;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A ModelInferRequest for model "iris" with an input whose shape has a negative dimension: decodes, then is refused.</summary>
    private static byte[] ValidInfer() =>
        [0x0A, 0x04, (byte)'i', (byte)'r', (byte)'i', (byte)'s', 0x2A, 0x0F, 0x0A, 0x07, .. "input-0"u8, 0x1A, 0x04, 0xFF, 0xFF, 0xFF, 0x0F];
}
