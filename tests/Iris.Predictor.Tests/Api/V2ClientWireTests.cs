using Iris.Predictor.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.Predictor.Tests.Api;

/// <summary>The Triton and KServe clients' own requests, byte for byte, straight to the predictor.</summary>
public sealed class V2ClientWireTests(PlainPredictor factory) : V2ClientContract, IClassFixture<PlainPredictor>
{
    protected override Uri Server { get; } = factory.CreateClient().BaseAddress!;
}

/// <summary>The Open Inference Protocol over gRPC, straight to the predictor's h2c port.</summary>
public sealed class GrpcInferenceTests(PlainPredictor factory) : GrpcClientContract, IClassFixture<PlainPredictor>
{
    protected override string GrpcAddress { get; } = Started(factory).GrpcAddress;

    private static PredictorFactory Started(PredictorFactory factory)
    {
        // The factory starts the server when its first client is made.
        factory.CreateClient().Dispose();
        return factory;
    }
}

/// <summary>An oversized upload sent whole before the client reads: the 413 arrives, the connection is not reset.</summary>
public sealed class OversizedUploadTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private readonly Uri _server = factory.CreateClient().BaseAddress!;

    [Theory]
    [InlineData("/predict/batch", false, "application/problem+json")]
    [InlineData("/predict/batch", true, "application/problem+json")]
    [InlineData("/v2/models/iris/infer", false, "application/json")]
    [InlineData("/v2/models/iris/infer", true, "application/json")]
    public async Task AClientThatSendsTheWholeBodyFirstReadsThe413(string path, bool chunked, string contentType)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await OversizedUploads.SendAsync(_server, path, chunked);

            Assert.Equal(413, response.Status);
            Assert.Equal(contentType, response.Header("Content-Type")?.Split(';')[0]);
        }
    }
}
