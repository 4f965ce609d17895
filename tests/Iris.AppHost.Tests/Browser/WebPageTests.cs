using Iris.AppHost.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Iris.AppHost.Tests.Browser;

/// <summary>The web page in a real browser, through the gateway of the system the AppHost runs.</summary>
[Collection(SystemWithRedisCollection.Name)]
public sealed class WebPageTests(IrisAppWithLocalRedis iris) : IAsyncLifetime
{
    private readonly Chromium _chromium = new();
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _requests = [];

    private string Home => iris.Gateway.BaseAddress!.ToString();

    public async Task InitializeAsync()
    {
        await _chromium.InitializeAsync();
        _context = await _chromium.Browser.NewContextAsync();
        _page = await _context.NewPageAsync();
        _page.Request += (_, request) => _requests.Add(request.Url);
        await _page.GotoAsync(Home);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _chromium.DisposeAsync();
    }

    private async Task FillAsync(string sepalLength, string sepalWidth, string petalLength, string petalWidth)
    {
        await _page.GetByLabel("Sepal length (cm)").FillAsync(sepalLength);
        await _page.GetByLabel("Sepal width (cm)").FillAsync(sepalWidth);
        await _page.GetByLabel("Petal length (cm)").FillAsync(petalLength);
        await _page.GetByLabel("Petal width (cm)").FillAsync(petalWidth);
    }

    [Fact]
    public async Task FillingTheFormShowsTheSpeciesThreeBarsAndTheFlowerOnThePlot()
    {
        await FillAsync("6.3", "3.3", "6.0", "2.5");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Predict", Exact = true }).ClickAsync();

        await Assertions.Expect(_page.Locator(".result .species")).ToHaveTextAsync("Iris virginica");
        await Assertions.Expect(_page.Locator(".result .probability")).ToHaveCountAsync(3);
        await Assertions.Expect(_page.Locator(".plot .points ~ .your-flower")).ToHaveCountAsync(1);
        await Assertions.Expect(_page.Locator(".plot .points .marker")).ToHaveCountAsync(150);
        // Both replicas serve the committed model: the card describes the version that answered.
        var version = await _page.Locator(".model-card .model-version").TextContentAsync();
        await Assertions.Expect(_page.Locator(".model-card .answered-by")).ToHaveTextAsync($"This answer came from version {version}.");

        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        var path = Path.Combine(screenshots.FullName, "result-page.png");
        await _page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"a screenshot at {path}");
    }

    [Fact]
    public async Task AnInvalidValueShowsItsMessageNextToTheField()
    {
        await FillAsync("0", "3.5", "1.4", "0.2");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Predict", Exact = true }).ClickAsync();

        await Assertions.Expect(_page.Locator("#sepal-length-message")).ToHaveTextAsync("Enter a number greater than 0 and at most 100.");
        await Assertions.Expect(_page.Locator(".result .species")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnExampleButtonFillsTheFormAndPredicts()
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = "Iris setosa" }).ClickAsync();

        await Assertions.Expect(_page.Locator(".result .species")).ToHaveTextAsync("Iris setosa");
        await Assertions.Expect(_page.GetByLabel("Sepal length (cm)")).ToHaveValueAsync("5.1");
    }

    [Fact]
    public async Task ThePageLoadsNothingFromOutsideTheApp()
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = "Iris versicolor" }).ClickAsync();
        await Assertions.Expect(_page.Locator(".result .species")).ToHaveTextAsync("Iris versicolor");

        Assert.NotEmpty(_requests);
        Assert.All(_requests, url => Assert.StartsWith(Home, url));
    }

    [Fact]
    public async Task TheFormWorksFromTheKeyboardAlone()
    {
        await _page.GetByLabel("Sepal length (cm)").FocusAsync();
        foreach (var value in new[] { "6.3", "3.3", "6.0", "2.5" })
        {
            await _page.Keyboard.TypeAsync(value);
            await _page.Keyboard.PressAsync("Tab");
        }
        await _page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(_page.Locator(".result .species")).ToHaveTextAsync("Iris virginica");
    }

    [Fact]
    public async Task OnAPhoneThePageNeedsNoSidewaysScrolling()
    {
        await using var phone = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(Home);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iris virginica" }).ClickAsync();
        await Assertions.Expect(page.Locator(".result .species")).ToHaveTextAsync("Iris virginica");

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
    }
}
