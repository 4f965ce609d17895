using Microsoft.Extensions.Options;

namespace Iris.Predictor.Tests.Model;

/// <summary>A wrong model setting stops the predictor's start with a message that names it, instead of misbehaving later.</summary>
public sealed class WrongSettingsTests
{
    [Theory]
    [InlineData("Model:ReloadInterval", "00:00:00", "Model:ReloadInterval must be between 100 ms and one day.")]
    [InlineData("Model:ReloadInterval", "-00:00:05", "Model:ReloadInterval must be between 100 ms and one day.")]
    [InlineData("Model:Path", "", "The Path field is required.")]
    public async Task AWrongSettingStopsTheStartWithItsName(string key, string value, string message)
    {
        // The real process, as a pod's log shows its refused start.
        var (exitCode, output) = await ServiceProcess.RefusedStartAsync("Iris.Predictor", ServiceProcess.AsEnvironment(new Dictionary<string, string?> { [key] = value }));

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(output.Split('\n'), line => line.StartsWith($"Unhandled exception. {typeof(OptionsValidationException).FullName}: ", StringComparison.Ordinal));
        Assert.Contains(message, refusal);
    }
}
