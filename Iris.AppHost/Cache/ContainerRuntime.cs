using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Iris.AppHost.Cache;

/// <summary>Finds out whether a container runtime can run containers here (not just whether its client exists).</summary>
public static class ContainerRuntime
{
    /// <summary>Asks the runtime's engine for its version, as Aspire's own check does; a client without an engine fails.</summary>
    public static bool IsHealthy(string runtime, out string reason)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                reason = $"'{runtime}' could not be started";
                return false;
            }

            var version = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                reason = $"'{runtime} info' did not answer within 10 s";
                return false;
            }

            var serverVersion = version.Result.Trim();
            if (process.ExitCode == 0 && serverVersion.Length > 0)
            {
                reason = $"{runtime} engine {serverVersion} is running";
                return true;
            }

            reason = $"'{runtime}' was found but its engine is not running";
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            reason = $"'{runtime}' is not installed";
            return false;
        }
    }

    /// <summary>The runtime Aspire would use: ASPIRE_CONTAINER_RUNTIME, or docker.</summary>
    public static string Configured(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
}
