using System.Buffers.Binary;
using Google.Protobuf;
using Iris.Gateway.Canary;
using Iris.Predictor.Inference.Grpc;

namespace Iris.Gateway.Tests.Canary;

/// <summary>
/// The version a request names, read as the gateway reads it: from V2 REST paths, and from the first
/// bytes of gRPC messages serialized by protobuf itself.
/// </summary>
public sealed class RequestedVersionTests
{
    [Theory]
    [InlineData("/v2/models/iris/versions/19e934c5cd00/infer", "19e934c5cd00")]
    [InlineData("/v2/models/iris/versions/19e934c5cd00/ready", "19e934c5cd00")]
    [InlineData("/v2/models/iris/versions/19e934c5cd00", "19e934c5cd00")]
    [InlineData("/V2/Models/iris/Versions/19e934c5cd00/infer", "19e934c5cd00")]
    [InlineData("/v2/models/iris/versions/v 1%/infer", "v 1%")]
    [InlineData("/v2/models/iris/infer", null)]
    [InlineData("/v2/models/iris", null)]
    [InlineData("/v2/models/iris/versions/", null)]
    [InlineData("/v2/models/iris/versions//infer", null)]
    public void AVersionInARestPath(string path, string? version) =>
        Assert.Equal(version, RequestedVersionExtensions.InRestPath(path));

    [Fact]
    public void TheVersionOfAnInferenceMessageWithItsTensors()
    {
        var request = StableAndCandidate.GrpcInference("19e934c5cd00");
        request.Id = "42";
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[4096]));

        Assert.Equal("19e934c5cd00", Peek(Frame(request)));
    }

    [Fact]
    public void TheVersionOfMetadataAndReadinessMessages()
    {
        Assert.Equal("2", Peek(Frame(new ModelMetadataRequest { Name = "iris", Version = "2" })));
        Assert.Equal("2", Peek(Frame(new ModelReadyRequest { Name = "iris", Version = "2" })));
    }

    [Fact]
    public void NoVersionWhenTheMessageNamesNone() =>
        Assert.Null(Peek(Frame(StableAndCandidate.GrpcInference())));

    [Fact]
    public void NoVersionInACompressedMessage()
    {
        var frame = Frame(StableAndCandidate.GrpcInference("19e934c5cd00"));
        frame[0] = 1;

        Assert.Null(Peek(frame));
    }

    [Fact]
    public void NoVersionWhenThePeekEndsWithinIt()
    {
        var frame = Frame(new ModelReadyRequest { Name = new string('n', 600), Version = "2" });

        Assert.Null(Peek(frame[..517]));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x12, 0x7F, 0x41 })]
    public void NoVersionInWhatIsNotAMessage(byte[] frame) =>
        Assert.Null(Peek(frame));

    private static string? Peek(byte[] frame) => RequestedVersionExtensions.InGrpcFrame(frame, frame.Length);

    /// <summary>A gRPC length-prefixed message, uncompressed.</summary>
    private static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }
}
