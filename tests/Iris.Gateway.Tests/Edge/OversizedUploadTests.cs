using Iris.Gateway.Tests.Infrastructure;

namespace Iris.Gateway.Tests.Edge;

/// <summary>An oversized upload sent whole before the client reads: the 413 arrives, the connection is not reset.</summary>
public sealed class OversizedUploadTests(Backends backends) : GatewayTest(backends)
{
    [Theory]
    [InlineData("/api/predict/batch", false)]
    [InlineData("/api/predict/batch", true)]
    [InlineData("/v2/models/iris/infer", false)]
    public async Task AClientThatSendsTheWholeBodyFirstReadsThe413(string path, bool chunked)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await OversizedUploads.SendAsync(new Uri(Gateway.HttpAddress), path, chunked);

            Assert.Equal(413, response.Status);
            Assert.Contains("application/problem+json", response.Header("Content-Type"));
        }
    }

    [Fact]
    public async Task AClientWaitingFor100ContinueGetsThe413WithoutSendingItsBody()
    {
        var response = await OversizedUploads.SendExpectingContinueAsync(new Uri(Gateway.HttpAddress), "/api/predict/batch");

        Assert.Equal(413, response.Status);
        Assert.Contains("application/problem+json", response.Header("Content-Type"));
    }
}
