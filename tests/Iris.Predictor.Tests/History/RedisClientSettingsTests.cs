using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Iris.Predictor.Tests.History;

/// <summary>
/// The Redis client fails fast while Redis is away: its settings from appsettings.json
/// (Aspire:StackExchange:Redis), as the running predictor holds them.
/// </summary>
public sealed class RedisClientSettingsTests : PredictorWithOwnRedis
{
    [Fact]
    public void TheClientFailsFast()
    {
        var configuration = ConfigurationOptions.Parse(Predictor.Services.GetRequiredService<IConnectionMultiplexer>().Configuration);

        Assert.False(configuration.AbortOnConnectFail);
        Assert.Equal(2_000, configuration.ConnectTimeout);
        Assert.Equal(1_000, configuration.SyncTimeout);
        Assert.Equal(1_000, configuration.AsyncTimeout);
    }
}
