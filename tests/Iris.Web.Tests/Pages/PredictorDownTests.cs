using System.Net;

namespace Iris.Web.Tests.Pages;

/// <summary>The real web app whose predictor is down (nothing listens at its address): the page still works and says what is missing.</summary>
public sealed class PredictorDownTests(WebWithoutPredictor web) : IClassFixture<WebWithoutPredictor>
{
    [Fact]
    public async Task ThePageRendersAndSaysWhatIsUnavailable()
    {
        var response = await web.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The shared history is unavailable right now", html);
        Assert.Contains("details are unavailable right now", html);
        Assert.Contains("class=\"marker\"", html);
    }

    [Fact]
    public async Task APredictionIsAFriendlyMessageNotAnErrorPage()
    {
        var client = web.CreateClient();
        var page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var token = WebWithoutPredictor.AntiforgeryToken(page);

        var response = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "predict",
            ["example"] = "virginica",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The predictor is unavailable right now", html);
        Assert.DoesNotContain("class=\"species\"", html);
    }
}
