using Iris.Predictor.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.Predictor.Tests.Prediction;

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

    [Fact]
    public async Task AClientWaitingFor100ContinueGetsThe413InsteadAndTheConnectionCloses()
    {
        var response = await OversizedUploads.SendExpectingContinueAsync(_server, "/predict/batch");

        Assert.Equal(413, response.Status);
        Assert.Equal("close", response.Header("Connection"));
    }
}
