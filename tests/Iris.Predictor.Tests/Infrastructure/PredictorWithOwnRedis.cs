namespace Iris.Predictor.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets a predictor with a real redis-server of its own, started
/// before the test and stopped after it: the shared history starts empty, so counts can be exact.
/// </summary>
public abstract class PredictorWithOwnRedis : IAsyncLifetime
{
    protected RedisServer Redis { get; } = new();

    protected PredictorFactory Predictor { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Settings beside the connection string, for every predictor of the test.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Predictor = PredictorFactory.WithRedis(Redis.ConnectionString, Settings);
        Client = Predictor.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (Predictor is not null)
        {
            await Predictor.DisposeAsync();
        }
        await Redis.DisposeAsync();
    }
}
