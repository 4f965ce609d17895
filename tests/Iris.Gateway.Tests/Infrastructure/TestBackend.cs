using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// A small real HTTP server for what the real services never do on purpose: answer slowly, and
/// show the headers a request arrived with.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(WebApplication app) => _app = app;

    private int _healthProbes;

    public string Address => _app.Urls.Single();

    /// <summary>How many readiness probes (<c>GET /health</c>, as the gateway's active health checks send) it has answered.</summary>
    public int HealthProbes => Volatile.Read(ref _healthProbes);

    /// <summary>Starts one; with <paramref name="modelVersion"/>, every answer names it as a predictor does (the <c>Model-Version</c> header).</summary>
    public static async Task<TestBackend> StartAsync(string? modelVersion = null)
    {
        // Its own content root: the gateway's appsettings.json beside the tests would give it the gateway's endpoints.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var backend = new TestBackend(app);
        if (modelVersion is not null)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers["Model-Version"] = modelVersion;
                return next(context);
            });
        }
        app.MapGet("/health", () =>
        {
            Interlocked.Increment(ref backend._healthProbes);
            return "Healthy";
        });
        app.MapGet("/slow", async (int seconds, CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            return "finally";
        });
        app.MapGet("/slow-body", async (int seconds, HttpResponse response, CancellationToken cancellationToken) =>
        {
            // Answers at once, then takes its time over the rest of the body.
            await response.WriteAsync("begun, ", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            await response.WriteAsync("finished", cancellationToken);
        });
        // Which backend answered, for tests of how the gateway shares requests out.
        app.MapMethods("/name", ["GET", "POST"], () => backend.Address);
        app.MapPost("/v2/models/{name}/versions/{version}/infer", () => backend.Address);
        app.MapMethods("/headers", ["GET", "POST"], (HttpRequest request) =>
            request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()));
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
