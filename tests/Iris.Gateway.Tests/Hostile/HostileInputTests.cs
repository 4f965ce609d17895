using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Iris.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Iris.Gateway.Tests.Hostile;

/// <summary>
/// 10,000 hostile requests from a seeded corpus, half to the predictor directly and half through the
/// gateway: nothing answers 5xx, every refusal the application writes is a problem (or a V2 error),
/// and the predictor is healthy, and no bigger to speak of, afterwards.
/// </summary>
public sealed class HostileInputTests(Backends backends, ITestOutputHelper output) : GatewayTest(backends)
{
    private const int Seed = 20261125;
    private const int PerTarget = 5_000;
    private const int Workers = 8;

    private sealed record Outcome(string Kind, int Status, string? ContentType, string Body);

    [Fact]
    public async Task NoHostileRequestGetsA5xxAndEveryRefusalExplainsItself()
    {
        var corpus = HostileCorpus.Generate(PerTarget, Seed);
        using var direct = new HttpClient { BaseAddress = new Uri(Backends.Predictor.Address) };
        var memoryBefore = Backends.Predictor.ResidentMegabytes;

        var outcomes = new ConcurrentBag<(string Target, Outcome Outcome)>();
        await SendAllAsync(corpus, request => direct.SendAsync(request.ToMessage("")), "direct", outcomes);
        await SendAllAsync(corpus, request => Client.SendAsync(request.ToMessage(request.IsV2 ? "" : "/api")), "gateway", outcomes);
        var memoryAfter = Backends.Predictor.ResidentMegabytes;

        Assert.Equal(2 * PerTarget, outcomes.Count);
        Assert.Empty(outcomes.Where(o => o.Outcome.Status >= 500).Select(Describe));
        Assert.Empty(outcomes.Where(o => o.Outcome.Status is >= 400 and < 500 && !ExplainsItself(o.Outcome)).Select(Describe));
        Assert.Equal("Healthy", await direct.GetStringAsync("/health"));
        Assert.True(memoryAfter < memoryBefore + 100, $"the predictor grew from {memoryBefore:F0} MiB to {memoryAfter:F0} MiB");

        Report(outcomes, memoryBefore, memoryAfter);
    }

    private static async Task SendAllAsync(IReadOnlyList<HostileRequest> corpus, Func<HostileRequest, Task<HttpResponseMessage>> send,
        string target, ConcurrentBag<(string, Outcome)> outcomes)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < corpus.Count)
            {
                var request = corpus[i];
                using var response = await send(request);
                var body = await response.Content.ReadAsStringAsync();
                outcomes.Add((target, new Outcome(request.Kind, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body)));
            }
        }));
    }

    /// <summary>
    /// A problem-details body, or a V2 error; Kestrel's own refusals of headers it will not read
    /// (431) come before any application code and carry no body.
    /// </summary>
    private static bool ExplainsItself(Outcome outcome)
    {
        if (outcome.Status == (int)HttpStatusCode.RequestHeaderFieldsTooLarge && outcome.Kind == "oversized header")
        {
            return true;
        }
        if (outcome.ContentType == "application/problem+json")
        {
            return true;
        }
        try
        {
            return outcome.ContentType == "application/json" && JsonDocument.Parse(outcome.Body).RootElement.TryGetProperty("error", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe((string Target, Outcome Outcome) o) =>
        $"{o.Target} {o.Outcome.Kind}: {o.Outcome.Status} {o.Outcome.ContentType} {o.Outcome.Body[..Math.Min(120, o.Outcome.Body.Length)]}";

    private void Report(IReadOnlyCollection<(string Target, Outcome Outcome)> outcomes, double memoryBefore, double memoryAfter)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"- **Hostile input**: {outcomes.Count:N0} requests from a corpus seeded with {Seed}, {PerTarget:N0} to the predictor directly and the same through the gateway; " +
                $"predictor resident memory {memoryBefore:F0} MiB before, {memoryAfter:F0} MiB after."),
        };
        foreach (var target in outcomes.GroupBy(o => o.Target).OrderBy(g => g.Key))
        {
            lines.Add($"  - {target.Key}: {Histogram(target)}");
        }
        lines.Add("  - by kind of input, both targets together:");
        foreach (var kind in outcomes.GroupBy(o => o.Outcome.Kind).OrderBy(g => g.Key))
        {
            lines.Add($"    - {kind.Key}: {Histogram(kind)}");
        }
        lines.ForEach(output.WriteLine);
        ReliabilityReport.Write("hostile-input", lines);
    }

    private static string Histogram(IEnumerable<(string Target, Outcome Outcome)> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o.Outcome.Status).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} × {g.Count():N0}")));
}
