using System.Diagnostics;
using System.Text.RegularExpressions;
using Iris.AppHost.Tests.Deployment;

namespace Iris.AppHost.Tests.Security;

/// <summary>No key, password or token in any tracked file: secrets reach the services from configuration only.</summary>
public sealed partial class NoSecretsTests
{
    /// <summary>Private keys, cloud and VCS tokens, and passwords written as literal values (placeholders such as $VAR or {param} are fine).</summary>
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|""private_key""\s*:|gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|(?i:\b(?:password|passwd|pwd|secret)\b)\s*[=:]\s*[""']?(?![$\{<""'\s]|\.\.\.|…)[A-Za-z0-9+/_!@#%^&*-]{8,}")]
    private static partial Regex SecretPattern();

    /// <summary>The files git tracks; in a tree without git, every file but build output.</summary>
    private static IReadOnlyList<string> TrackedFiles()
    {
        if (!Directory.Exists(Path.Combine(Manifests.RepositoryRoot, ".git")))
        {
            string[] skipped = ["bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts"];
            return [.. Directory.EnumerateFiles(Manifests.RepositoryRoot, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(Manifests.RepositoryRoot, path).Replace('\\', '/'))
                .Where(file => !file.Split('/').Any(part => skipped.Contains(part)))];
        }

        using var git = Process.Start(new ProcessStartInfo("git", ["-C", Manifests.RepositoryRoot, "ls-files"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("git did not start.");
        var files = git.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        return files;
    }

    [Fact]
    public void NoTrackedFileHoldsASecret()
    {
        var found = new List<string>();
        foreach (var file in TrackedFiles())
        {
            var path = Path.Combine(Manifests.RepositoryRoot, file);
            // This file holds made-up secrets on purpose, to show that the scan recognises them.
            if (!File.Exists(path) || new FileInfo(path).Length > 2_000_000 || file.EndsWith(".zip", StringComparison.Ordinal)
                || file.EndsWith("Security/NoSecretsTests.cs", StringComparison.Ordinal))
            {
                continue;
            }
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (SecretPattern().IsMatch(lines[i]))
                {
                    found.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(TrackedFiles().Count > 50, "the scan saw the repository");
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("ConnectionStrings__cache=cache:6379,password=Hunter2Hunter2")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData("aws_access_key_id = AKIAABCDEFGHIJKLMNOP")]
    [InlineData("""{ "private_key": "..." }""")]
    [InlineData("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("Secret: s3cr3t-value-here")]
    public void TheScanRecognisesSecrets(string line)
    {
        Assert.Matches(SecretPattern(), line);
    }

    [Theory]
    [InlineData("""--from-literal=ConnectionStrings__cache="cache:6379,password=$REDIS_PASSWORD" \""")]
    [InlineData("redis-server --requirepass $REDIS_PASSWORD")]
    [InlineData("var token = AntiforgeryToken(page);")]
    [InlineData("\"connectionString\": \"{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}\"")]
    public void PlaceholdersAreNotSecrets(string line)
    {
        Assert.DoesNotMatch(SecretPattern(), line);
    }
}
