using System.Net;

namespace Iris.Web.Tests.Pages;

/// <summary>
/// Two replicas of the real web app, as processes sharing one real redis-server: a visitor's form may be
/// rendered by one and posted to the other, as the gateway and a Kubernetes Service balance them. While
/// Redis is away the page and its form keep working. The predictor is down: a post that passes the
/// antiforgery check gets the page with its "unavailable" message, one that fails it a 400.
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private const string PredictorUnavailable = "The predictor is unavailable";

    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_homes, recursive: true);
    }

    [Fact]
    public async Task AFormRenderedByOneReplicaIsAcceptedByTheOther()
    {
        await using var first = await StartWebAsync();
        await using var second = await StartWebAsync();

        // Both ways, each a visitor of its own: whichever replica made the key ring, the other reads it.
        using (var visitor = NewVisitor())
        {
            Assert.Contains(PredictorUnavailable, await PostAsync(visitor, second, await FormTokenAsync(visitor, first)));
        }
        using (var visitor = NewVisitor())
        {
            Assert.Contains(PredictorUnavailable, await PostAsync(visitor, first, await FormTokenAsync(visitor, second)));
        }
    }

    [Fact]
    public async Task WithRedisAwayThePageAndItsFormKeepWorking()
    {
        await using var running = await StartWebAsync();
        using var visitor = NewVisitor();
        var renderedBefore = await FormTokenAsync(visitor, running);

        _redis.Stop();

        // A replica that read the key ring before Redis went: its keys still serve, old forms and new.
        Assert.Contains(PredictorUnavailable, await PostAsync(visitor, running, renderedBefore));
        Assert.Contains(PredictorUnavailable, await PostAsync(visitor, running, await FormTokenAsync(visitor, running)));
        // A replica that started while Redis was away: its own key, its own forms.
        await using var startedWithoutRedis = await StartWebAsync();
        using var newcomer = NewVisitor();
        Assert.Contains(PredictorUnavailable, await PostAsync(newcomer, startedWithoutRedis, await FormTokenAsync(newcomer, startedWithoutRedis)));
    }

    private readonly string _homes = Directory.CreateTempSubdirectory("iris-web-homes-").FullName;

    /// <summary>
    /// A replica with a home directory of its own, as each pod has its own file system: Data Protection
    /// would otherwise share the key ring through the user's home (~/.aspnet/DataProtection-Keys).
    /// </summary>
    private Task<ServiceProcess> StartWebAsync() =>
        ServiceProcess.StartAsync("Iris.Web", new Dictionary<string, string?>
        {
            ["services__predictor__http__0"] = LoopbackPort.Down(),
            ["ConnectionStrings__cache"] = _redis.ConnectionString,
            ["HOME"] = Directory.CreateDirectory(Path.Combine(_homes, Guid.NewGuid().ToString("N"))).FullName,
        });

    /// <summary>A browser of its own: its cookies go to both replicas (one host, 127.0.0.1).</summary>
    private static HttpClient NewVisitor() => new(new HttpClientHandler { CookieContainer = new CookieContainer() });

    private static async Task<string> FormTokenAsync(HttpClient visitor, ServiceProcess web)
    {
        using var page = await visitor.GetAsync($"{web.Address}/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return WebWithoutPredictor.AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the form as the browser would, with its antiforgery cookie.</summary>
    private static async Task<string> PostAsync(HttpClient visitor, ServiceProcess web, string token)
    {
        using var response = await visitor.PostAsync($"{web.Address}/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "predict",
            ["example"] = "setosa",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{web.Address} answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        return body;
    }
}
