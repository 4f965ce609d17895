using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Iris.Web.Tests.Pages;

/// <summary>The real web app, its predictor's address pointing where nothing listens.</summary>
public sealed partial class WebWithoutPredictor : WebApplicationFactory<Program>
{
    /// <summary>The antiforgery token a page's form carries, to post it as a browser would.</summary>
    public static string AntiforgeryToken(string page) => TokenField().Match(page).Groups[1].Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("services:predictor:http:0", LoopbackPort.Down());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
