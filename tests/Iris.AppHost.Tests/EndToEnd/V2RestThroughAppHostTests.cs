using Aspire.Hosting.Testing;
using Iris.AppHost.Tests.Infrastructure;
using Iris.Testing.V2;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>The Triton and KServe clients' REST requests, byte for byte, to the gateway of the system the AppHost starts.</summary>
[Collection(InferenceClientsCollection.Name)]
public sealed class V2RestThroughAppHostTests(IrisAppForInferenceClients iris) : V2ClientContract
{
    protected override Uri Server => iris.App.GetEndpoint("gateway", "http");
}
