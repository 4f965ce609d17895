using Iris.Gateway.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.Gateway.Tests.Inference;

/// <summary>The Triton and KServe clients' REST requests, byte for byte, through the gateway to the real predictor.</summary>
[Collection(BackendsCollection.Name)]
public sealed class V2RestThroughGatewayTests(Backends backends) : V2ClientContract, IDisposable
{
    private readonly GatewayFactory _gateway = GatewayFactory.InFrontOf(backends).Started();

    protected override Uri Server => new(_gateway.HttpAddress);

    public void Dispose() => _gateway.Dispose();
}
