// A bare YARP proxy: one route, one destination, nothing else (no logging, telemetry, retries or
// limits), the same YARP version as Iris.Gateway. bench/run.sh puts it in front of the same predictor
// as the gateway, to show what the gateway's own features cost. The predictor's address is "Predictor".
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var route = new RouteConfig { RouteId = "api", ClusterId = "predictor", Match = new() { Path = "/api/{**rest}" } }
    .WithTransformPathRemovePrefix("/api");
var cluster = new ClusterConfig
{
    ClusterId = "predictor",
    Destinations = new Dictionary<string, DestinationConfig> { ["predictor"] = new() { Address = builder.Configuration["Predictor"]! } },
};
builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
