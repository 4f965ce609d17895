using Iris.Predictor.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.Predictor.Tests.Inference;

/// <summary>The Triton and KServe clients' own requests, byte for byte, straight to the predictor.</summary>
public sealed class V2ClientWireTests(PlainPredictor factory) : V2ClientContract, IClassFixture<PlainPredictor>
{
    protected override Uri Server { get; } = factory.CreateClient().BaseAddress!;
}
