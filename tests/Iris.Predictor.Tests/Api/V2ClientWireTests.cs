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
