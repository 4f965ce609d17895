using System.Text.Json;
using System.Text.Json.Nodes;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Prediction.Validation;

/// <summary>
/// <c>POST /predict</c> and <c>POST /predict/batch</c> answer each bad body exactly as they did when the
/// framework's binding and validation read every body: <c>pinned-answers.json</c> holds those answers,
/// recorded from that implementation, one for each distinct rule and message (malformed JSON at each
/// level, wrong types, unknown and repeated fields, missing, null and out-of-range measurements, sizes).
/// </summary>
public sealed class PinnedAnswerTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, int, string> Answers()
    {
        var data = new TheoryData<string, string, int, string>();
        var file = Path.Combine(AppContext.BaseDirectory, "Prediction", "Validation", "pinned-answers.json");
        foreach (var answer in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
        {
            data.Add(answer!["path"]!.GetValue<string>(), answer["body"]!.GetValue<string>(), answer["status"]!.GetValue<int>(), answer["answer"]!.ToJsonString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task ABadBodyGetsThePinnedAnswer(string path, string body, int status, string answer)
    {
        var response = await _client.PostJsonAsync(path, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        // The trace id differs on every request; everything else is the contract.
        Assert.True(actual.Remove("traceId"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(answer), actual), $"expected {answer}{Environment.NewLine}got      {actual.ToJsonString()}");
    }
}
