using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>
/// The predictor on real Kestrel on two loopback ports, REST (HTTP/1.1) and gRPC (HTTP/2), so body
/// limits and HTTP behave as deployed, in the Production environment, with the given settings.
/// </summary>
public class PredictorFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PredictorFactory(IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel();
        ClientOptions.BaseAddress = new Uri(RestAddress);
    }

    public string RestAddress { get; } = $"http://127.0.0.1:{LoopbackPort.FreeForRestarts()}";

    /// <summary>The predictor's gRPC (h2c) address.</summary>
    public string GrpcAddress { get; } = $"http://127.0.0.1:{LoopbackPort.FreeForRestarts()}";

    /// <summary>What the service logged.</summary>
    public LogSink Logs { get; } = new();

    public static PredictorFactory WithRedis(string connectionString, IReadOnlyDictionary<string, string?>? more = null) =>
        new(new Dictionary<string, string?>(more ?? new Dictionary<string, string?>()) { ["ConnectionStrings:cache"] = connectionString });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Kestrel:Endpoints:http:Url", RestAddress);
        builder.UseSetting("Kestrel:Endpoints:grpc:Url", GrpcAddress);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Logs)));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The predictor as it starts with no settings: committed model, no Redis. A class fixture.</summary>
public sealed class PlainPredictor() : PredictorFactory(null);
