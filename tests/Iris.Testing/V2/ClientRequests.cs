using System.Text;

namespace Iris.Testing.V2;

/// <summary>
/// Requests exactly as the Triton and KServe Python clients send them with their defaults, header
/// for header and byte for byte (tritonclient.http 2.x over geventhttpclient: compact JSON, no
/// Content-Type, binary tensor data unless told otherwise; kserve's InferenceRESTClient over httpx:
/// an id and model_name in the body, binary inputs as application/octet-stream).
/// </summary>
public static class ClientRequests
{
    private const string TritonHead = """
        user-agent: python/gevent-http-client-2.0.8
        host: 127.0.0.1:{port}
        """;

    private const string KServeHead = """
        Host: 127.0.0.1:{port}
        Accept: */*
        Accept-Encoding: gzip, deflate
        Connection: keep-alive
        User-Agent: python-httpx/0.28.1
        """;

    /// <summary>tritonclient.http <c>is_server_live()</c>, <c>is_model_ready()</c>, <c>get_model_metadata()</c> and the like.</summary>
    public static byte[] TritonGet(Uri server, string path) =>
        RawHttp.Request($"GET {path} HTTP/1.1\n{TritonHead}", server, []);

    /// <summary>kserve's <c>is_server_live()</c>, <c>is_server_ready()</c> and <c>is_model_ready()</c>.</summary>
    public static byte[] KServeGet(Uri server, string path) =>
        RawHttp.Request($"GET {path} HTTP/1.1\n{KServeHead}", server, []);

    /// <summary>
    /// tritonclient.http <c>infer()</c> of the flower 5.1, 3.5, 1.4, 0.2 with <c>binary_data=False</c> on
    /// the input and both outputs: plain JSON, and still no Content-Type.
    /// </summary>
    public static byte[] TritonJson(Uri server)
    {
        const string body = """{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.099999904632568,3.5,1.399999976158142,0.20000000298023224]}],"outputs":[{"name":"species","parameters":{"binary_data":false}},{"name":"probabilities","parameters":{"binary_data":false}}]}""";
        return RawHttp.Request($"POST /v2/models/iris/infer HTTP/1.1\n{TritonHead}\ncontent-length: 258", server, Checked(body, 258));
    }

    /// <summary>
    /// tritonclient.http <c>infer()</c> with every default (<c>set_data_from_numpy</c>, no outputs named): the input as
    /// raw FP32 after the JSON header, all outputs asked for as binary.
    /// </summary>
    public static byte[] TritonBinary(Uri server, int rows, byte[] raw)
    {
        var header = $$$"""{"inputs":[{"name":"input-0","shape":[{{{rows}}},4],"datatype":"FP32","parameters":{"binary_data_size":{{{raw.Length}}}}}],"parameters":{"binary_data_output":true}}""";
        return Framed(server, TritonHead, null, header, raw);
    }

    /// <summary>tritonclient.http <c>infer()</c> with <c>InferRequestedOutput(name)</c> for both outputs (binary_data=True by default).</summary>
    public static byte[] TritonBinaryWithOutputs(Uri server, int rows, byte[] raw, bool speciesBinary = true, bool probabilitiesBinary = true)
    {
        var header = $$$"""{"inputs":[{"name":"input-0","shape":[{{{rows}}},4],"datatype":"FP32","parameters":{"binary_data_size":{{{raw.Length}}}}}],"outputs":[{"name":"species","parameters":{"binary_data":{{{Lower(speciesBinary)}}}}},{"name":"probabilities","parameters":{"binary_data":{{{Lower(probabilitiesBinary)}}}}}]}""";
        return Framed(server, TritonHead, null, header, raw);
    }

    /// <summary>kserve <c>InferenceRESTClient.infer()</c> with <c>InferInput.set_data_from_numpy()</c> (binary_data=True by default).</summary>
    public static byte[] KServeBinary(Uri server, int rows, byte[] raw, string id = "5f0c1f6e-8a53-4f0e-9d3c-2f1d2b7c9a11")
    {
        var header = $$$"""{"id":"{{{id}}}","model_name":"iris","inputs":[{"name":"input-0","shape":[{{{rows}}},4],"datatype":"FP32","parameters":{"binary_data_size":{{{raw.Length}}}}}]}""";
        return Framed(server, KServeHead, "application/octet-stream", header, raw);
    }

    /// <summary>kserve <c>infer()</c> with <c>set_data_from_numpy(binary_data=False)</c>: JSON as application/json.</summary>
    public static byte[] KServeJson(Uri server, string model = "iris")
    {
        var body = $$"""{"id":"b7d3c0de-1111-4222-8333-944455556666","model_name":"{{model}}","inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.099999904632568,3.5,1.399999976158142,0.20000000298023224]}]}""";
        return RawHttp.Request($"POST /v2/models/{model}/infer HTTP/1.1\n{KServeHead}\ncontent-type: application/json\nContent-Length: {Encoding.UTF8.GetByteCount(body)}", server, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>A framed request with a header length and body length of the caller's choosing, right or wrong.</summary>
    public static byte[] Framing(Uri server, string header, byte[] raw, int headerLength, string? contentType = null) =>
        Framing(server, header, raw, headerLength.ToString(System.Globalization.CultureInfo.InvariantCulture), contentType);

    /// <summary>As above, with the header length header's value as given, a number or not.</summary>
    public static byte[] Framing(Uri server, string header, byte[] raw, string headerLength, string? contentType = null) =>
        RawHttp.Request(
            $"POST /v2/models/iris/infer HTTP/1.1\n{TritonHead}\ninference-header-content-length: {headerLength}{(contentType is null ? "" : $"\ncontent-type: {contentType}")}\ncontent-length: {Encoding.UTF8.GetByteCount(header) + raw.Length}",
            server, [.. Encoding.UTF8.GetBytes(header), .. raw]);

    private static byte[] Framed(Uri server, string head, string? contentType, string header, byte[] raw)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var type = contentType is null ? "" : $"\ncontent-type: {contentType}";
        var lengthName = contentType is null ? "content-length" : "Content-Length";
        return RawHttp.Request(
            $"POST /v2/models/iris/infer HTTP/1.1\n{head}\ninference-header-content-length: {headerBytes.Length}{type}\n{lengthName}: {headerBytes.Length + raw.Length}",
            server, [.. headerBytes, .. raw]);
    }

    private static byte[] Checked(string body, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return bytes.Length == length ? bytes : throw new InvalidOperationException($"The recorded body is {length} bytes, this one {bytes.Length}.");
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
