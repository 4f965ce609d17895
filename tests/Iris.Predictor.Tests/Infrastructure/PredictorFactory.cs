using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>The predictor in-process, with or without a Redis connection string.</summary>
public class PredictorFactory(string? redisConnectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (redisConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        }
    }
}
