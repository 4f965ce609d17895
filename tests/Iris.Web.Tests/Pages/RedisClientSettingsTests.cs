using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Iris.Web.Tests.Pages;

/// <summary>
/// The web app's Redis client, which holds its shared key ring, fails fast while Redis is away: its
/// settings from appsettings.json (Aspire:StackExchange:Redis), as the running app holds them.
/// </summary>
public sealed class RedisClientSettingsTests
{
    [Fact]
    public async Task TheClientFailsFast()
    {
        await using var web = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:cache", LoopbackPort.Down()[7..]);
        });

        var configuration = ConfigurationOptions.Parse(web.Services.GetRequiredService<IConnectionMultiplexer>().Configuration);

        Assert.False(configuration.AbortOnConnectFail);
        Assert.Equal(2_000, configuration.ConnectTimeout);
        Assert.Equal(1_000, configuration.SyncTimeout);
        Assert.Equal(1_000, configuration.AsyncTimeout);
    }
}
