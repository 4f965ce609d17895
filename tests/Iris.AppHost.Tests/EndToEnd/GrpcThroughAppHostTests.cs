using Aspire.Hosting.Testing;
using Iris.AppHost.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>The Open Inference Protocol over gRPC to the gateway's grpc endpoint, through to the predictor replicas.</summary>
[Collection(InferenceClientsCollection.Name)]
public sealed class GrpcThroughAppHostTests(IrisAppForInferenceClients iris) : GrpcClientContract
{
    protected override string GrpcAddress => iris.App.GetEndpoint("gateway", "grpc").GetLeftPart(UriPartial.Authority);
}
