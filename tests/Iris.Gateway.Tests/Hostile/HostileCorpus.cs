using System.Net.Http.Headers;
using System.Text;

namespace Iris.Gateway.Tests.Hostile;

/// <summary>One request of the corpus: what kind of hostility it is, and how to build it.</summary>
public sealed record HostileRequest(string Kind, HttpMethod Method, string Path, byte[]? Body, string? ContentType, (string Name, string Value)? Header = null)
{
    public HttpRequestMessage ToMessage(string prefix)
    {
        var message = new HttpRequestMessage(Method, prefix + Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }
        if (Header is { } header)
        {
            message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        return message;
    }

    /// <summary>Requests to the inference protocol answer errors as <c>{"error": …}</c>, the others as problem details.</summary>
    public bool IsV2 => Path.StartsWith("/v2", StringComparison.Ordinal);
}

/// <summary>
/// A generated corpus of hostile requests, seeded so that it repeats: broken and malicious bodies,
/// wrong types and content types, oversized bodies and headers, unknown routes and methods, V2
/// requests of the wrong shape and binary tensor data framed wrongly.
/// </summary>
public static class HostileCorpus
{
    private const string Json = "application/json";
    private const string Flower = """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""";

    public static IReadOnlyList<HostileRequest> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var makers = Makers();
        return [.. Enumerable.Range(0, count).Select(_ => makers[random.Next(makers.Count)](random))];
    }

    private static HostileRequest Predict(string kind, string body, string? contentType = Json) =>
        new(kind, HttpMethod.Post, "/predict", Encoding.UTF8.GetBytes(body), contentType);

    private static HostileRequest Batch(string kind, string body) =>
        new(kind, HttpMethod.Post, "/predict/batch", Encoding.UTF8.GetBytes(body), Json);

    private static HostileRequest Infer(string kind, string body) =>
        new(kind, HttpMethod.Post, "/v2/models/iris/infer", Encoding.UTF8.GetBytes(body), Json);

    /// <summary>A binary tensor data request whose framing lies: its declared size never matches its shape, and the header length or the bytes after it may lie too.</summary>
    private static HostileRequest BadFraming(Random random)
    {
        var rows = random.Next(1, 4);
        var declared = random.Next(3) switch { 0 => random.Next(-20, 200), 1 => rows * 16 + 4, _ => 0 };
        declared += declared == rows * 16 ? 1 : 0;
        var outputs = random.Next(2) == 0 ? ""","parameters":{"binary_data_output":true}""" : "";
        var header = $$$"""{"inputs":[{"name":"input-0","shape":[{{{rows}}},4],"datatype":"FP32","parameters":{"binary_data_size":{{{declared}}}}}]{{{outputs}}}}""";
        var raw = new byte[random.Next(4) == 0 ? random.Next(0, 100) : rows * 16];
        random.NextBytes(raw);
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var headerLength = random.Next(5) switch
        {
            0 => (headerBytes.Length + raw.Length + random.Next(1, 1_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => random.Next(0, headerBytes.Length).ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => random.Next(3) switch { 0 => "-5", 1 => "abc", _ => "99999999999999999999" },
            _ => headerBytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new("V2 malformed binary framing", HttpMethod.Post, "/v2/models/iris/infer", [.. headerBytes, .. raw],
            random.Next(2) == 0 ? "application/octet-stream" : null, ("Inference-Header-Content-Length", headerLength));
    }

    private static string Number(Random random) => random.Next(8) switch
    {
        0 => "1e309",
        1 => "-1e400",
        2 => "123456789012345678901234567890",
        3 => "0.0000000000000000000000000001",
        4 => "-0",
        5 => "1e-400",
        6 => ((random.NextDouble() - 0.5) * 1e6).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "100.0000001",
    };

    private static List<Func<Random, HostileRequest>> Makers() =>
    [
        random =>
        {
            var bytes = new byte[random.Next(1, 2_000)];
            random.NextBytes(bytes);
            return new("random bytes", HttpMethod.Post, random.Next(2) == 0 ? "/predict" : "/predict/batch", bytes, Json);
        },
        random => Predict("truncated JSON", Flower[..random.Next(1, Flower.Length - 1)]),
        random =>
        {
            var depth = random.Next(10, 5_000);
            return Predict("deeply nested JSON", new string('[', depth) + new string(']', depth));
        },
        random => Predict("huge or tiny numbers", $$"""{"sepalLength":{{Number(random)}},"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}"""),
        random => Predict("numbers as strings", """{"sepalLength":"5.1","sepalWidth":"3.5","petalLength":"1.4","petalWidth":"0.2"}"""),
        random => Predict("NaN and Infinity", $$"""{"sepalLength":{{(random.Next(3) switch { 0 => "NaN", 1 => "Infinity", _ => "-Infinity" })}},"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}"""),
        random => Predict("duplicate keys", """{"sepalLength":5.1,"sepalLength":9,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}"""),
        random => Predict("wrong types", random.Next(5) switch
        {
            0 => "[5.1,3.5,1.4,0.2]",
            1 => "null",
            2 => "true",
            3 => """{"sepalLength":[5.1],"sepalWidth":{},"petalLength":false,"petalWidth":null}""",
            _ => "\"a string\"",
        }),
        random => Batch("empty or missing instances", random.Next(3) switch
        {
            0 => """{"instances":[]}""",
            1 => "{}",
            _ => """{"instances":null}""",
        }),
        random => Batch("too many rows", """{"instances":[""" + string.Join(',', Enumerable.Repeat("[5.1,3.5,1.4,0.2]", 1_001 + random.Next(500))) + "]}"),
        random => Batch("rows of the wrong length", """{"instances":[[5.1,3.5,1.4],[1,2,3,4,5]]}"""),
        random =>
        {
            var body = Encoding.UTF8.GetBytes(Flower).ToList();
            body.InsertRange(random.Next(1, body.Count - 1), [0xC3, 0x28, 0xFF, 0xFE]);
            return new("invalid UTF-8", HttpMethod.Post, "/predict", [.. body], Json);
        },
        random => Predict("wrong or missing content type", Flower, random.Next(3) switch { 0 => "text/plain", 1 => null, _ => "application/x-www-form-urlencoded" }),
        random => Batch("oversized body", """{"instances":[""" + string.Join(',', Enumerable.Repeat("[5.1,3.5,1.4,0.2]", 4_000 + random.Next(4_000))) + "]}"),
        random => new("oversized header", HttpMethod.Get, "/model", null, null, ("X-Padding", new string('a', 40_000 + random.Next(40_000)))),
        random => random.Next(4) switch
        {
            0 => new("unknown route or method", HttpMethod.Get, "/predict", null, null),
            1 => new("unknown route or method", HttpMethod.Delete, "/model", null, null),
            2 => new("unknown route or method", HttpMethod.Post, "/nothing-here", Encoding.UTF8.GetBytes(Flower), Json),
            _ => new("unknown route or method", HttpMethod.Put, "/predict/batch", Encoding.UTF8.GetBytes("{}"), Json),
        },
        BadFraming,
        random => Infer("V2 wrong shape or datatype", random.Next(5) switch
        {
            0 => """{"inputs":[{"name":"input-0","shape":[1,3],"datatype":"FP32","data":[1,2,3]}]}""",
            1 => """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"BYTES","data":["a","b","c","d"]}]}""",
            2 => """{"inputs":[{"name":"input-0","shape":[2,4],"datatype":"FP32","data":[1,2,3,4]}]}""",
            3 => """{"inputs":[]}""",
            _ => """{"inputs":[{"name":"other","shape":[-1,4],"datatype":"FP32","data":[1,2,3,4]}]}""",
        }),
    ];
}
