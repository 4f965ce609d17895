using System.Net;

namespace Iris.Web.Tests.Pages;

/// <summary>What the tutorial answered with a server error: letters and out-of-range values, posted without a browser's checks.</summary>
public sealed class FormValidationTests(WebWithoutPredictor web) : IClassFixture<WebWithoutPredictor>
{
    private async Task<string> PostAsync(string sepalLength)
    {
        var client = web.CreateClient();
        var token = WebWithoutPredictor.AntiforgeryToken(await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        var response = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "predict",
            ["Flower.SepalLength"] = sepalLength,
            ["Flower.SepalWidth"] = "3.5",
            ["Flower.PetalLength"] = "1.4",
            ["Flower.PetalWidth"] = "0.2",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("abc", "Enter the sepal length.")]
    [InlineData("0", "Enter a number greater than 0 and at most 100.")]
    [InlineData("1e9", "Enter a number greater than 0 and at most 100.")]
    [InlineData("NaN", "Enter a number greater than 0 and at most 100.")]
    public async Task ABadValueGetsItsMessageAndNoPrediction(string value, string message)
    {
        var html = await PostAsync(value);

        Assert.Contains($"<div class=\"validation-message\">{message}</div>", html);
        Assert.DoesNotContain("class=\"species\"", html);
        // The predictor is down here, so a post that got past validation would show this message: the
        // assertion that fails when validation lets a bad value through.
        Assert.DoesNotContain("The predictor is unavailable", html);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var response = await web.CreateClient().PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "predict",
            ["example"] = "setosa",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
