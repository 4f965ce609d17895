using System.Diagnostics;

namespace Iris.AppHost.Tests.Deployment;

/// <summary>A command-line tool the deployment tests hold the repository against (kubectl, the .NET SDK).</summary>
public static class Command
{
    /// <summary>What the command writes to standard output, or a failed assertion with what it wrote to standard error.</summary>
    public static string Output(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {error}");
        return output.Result;
    }
}
