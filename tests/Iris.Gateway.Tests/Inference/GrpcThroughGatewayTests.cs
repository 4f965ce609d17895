using Iris.Gateway.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.Gateway.Tests.Inference;

/// <summary>The Open Inference Protocol over gRPC through the gateway's h2c port to the predictor's.</summary>
[Collection(BackendsCollection.Name)]
public sealed class GrpcThroughGatewayTests(Backends backends) : GrpcClientContract
{
    private readonly GatewayFactory _gateway = GatewayFactory.InFrontOf(backends).Started();

    protected override string GrpcAddress => _gateway.GrpcAddress;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _gateway.Dispose();
        }
    }
}
