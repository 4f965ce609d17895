using Iris.AppHost;
using Iris.AppHost.Cache;

var builder = DistributedApplication.CreateBuilder(args);

// Redis: a container, a local redis-server, an external server or none (Cache:Mode, see docs/running-locally.md).
var cache = builder.AddIrisCache("cache");

var predictor = builder.AddProject<Projects.Iris_Predictor>("predictor")
    .WithReplicas(2)
    .WithPortsChosenLocally()
    .WithHttpOnlyWhenPublished()
    .WithHttpHealthCheck("/health")
    .WithCache(cache);

// With --Canary:Model=… a candidate model beside the stable one, taking --Canary:Percent of the
// traffic through the gateway (docs/canary.md).
var canary = builder.AddCanaryPredictor(cache);

// The web app keeps its Data Protection keys (antiforgery) in the same Redis, so that its replicas
// accept each other's forms.
var web = builder.AddProject<Projects.Iris_Web>("web")
    .WithHttpOnlyWhenPublished()
    .WithHttpHealthCheck("/health")
    .WithCache(cache)
    .WithReference(predictor)
    .WaitFor(predictor);

// The only public entry point: pages and REST at the tutorial's port 8080, gRPC at 8081 (its
// Kestrel:Endpoints, locally and in a container; locally --Gateway:Ports:http=… and
// --Gateway:Ports:grpc=… choose others, and a port already taken is said at once). The AppHost's own
// Gateway:* settings (e.g. --Gateway:RateLimit:TokensPerSecond=0 for a load test) are passed on.
builder.AddProject<Projects.Iris_Gateway>("gateway")
    .WithFixedLocalPorts(builder.Configuration.GetSection("Gateway"))
    .WithExternalHttpEndpoints()
    .WithHttpOnlyWhenPublished()
    .WithSettingsFrom(builder.Configuration.GetSection("Gateway"))
    // The gateway decides itself whom to believe about client addresses (Gateway:TrustedProxies);
    // Aspire's default for published projects would believe X-Forwarded-For from anyone.
    .WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "false")
    .WithHttpHealthCheck("/health")
    .WithReference(predictor)
    .WithReference(web)
    .WithCanary(canary, builder.Configuration)
    .WaitFor(predictor)
    .WaitFor(web);

builder.Build().Run();
