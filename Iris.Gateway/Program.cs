using Iris.Gateway;
using Iris.Gateway.Canary;
using Iris.Gateway.Errors;
using Iris.Gateway.Failover;
using Iris.Gateway.Headers;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

// An oversized upload gets its 413 read by the client, not a reset connection.
app.UseLingeringClose();
// The client address next (only from trusted proxies), so that rate limits and logs see the real client.
app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseRateLimiter();
app.UseRequestTimeouts();

app.MapDefaultEndpoints();
app.MapReverseProxy(proxy =>
{
    // Outermost: turns what went wrong on the way to a backend into a page or a problem, after any retries.
    proxy.UseFriendlyErrors();
    // Before the retry, so that a request that names a model version is read once and re-sent to a pod serving it.
    proxy.UseRequestedVersion();
    proxy.UseRetryOnConnectionFailure();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

app.Run();

public partial class Program;
