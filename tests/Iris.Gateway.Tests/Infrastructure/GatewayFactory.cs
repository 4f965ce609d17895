using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Iris.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway on Kestrel on a loopback port, in the Production environment, its clusters
/// pointed at the given backends (addresses of real processes or in-process hosts).
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        // Effectively off unless a test sets it: most tests send more than a client normally would.
        ["Gateway:RateLimit:TokensPerSecond"] = "100000",
        ["Gateway:RateLimit:Burst"] = "100000",
    };

    public GatewayFactory(string predictor, string web, IReadOnlyDictionary<string, string?>? settings = null)
        : this([predictor], web, settings)
    {
    }

    public GatewayFactory(IReadOnlyList<string> predictors, string web, IReadOnlyDictionary<string, string?>? settings = null)
    {
        foreach (var (key, value) in GatewaySettings.Backends(predictors, web).Concat(settings ?? new Dictionary<string, string?>()))
        {
            _settings[key] = value;
        }
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>A client that does not follow redirects or retry, so every answer is the gateway's own.</summary>
    public HttpClient CreateEdgeClient()
    {
        ClientOptions.AllowAutoRedirect = false;
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
