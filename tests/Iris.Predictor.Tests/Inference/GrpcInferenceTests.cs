using Iris.Predictor.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.Predictor.Tests.Inference;

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
