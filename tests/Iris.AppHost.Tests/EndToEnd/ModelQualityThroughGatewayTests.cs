using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Iris.AppHost.Tests.Infrastructure;

namespace Iris.AppHost.Tests.EndToEnd;

/// <summary>The 150 training flowers sent through the gateway, one by one and as one V2 inference request.</summary>
[Collection(SystemWithRedisCollection.Name)]
public sealed class ModelQualityThroughGatewayTests(IrisAppWithLocalRedis iris)
{
    private static readonly (double[] Measurements, string Species)[] Rows =
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "iris.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(fields => (fields[..4].Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray(), fields[4]))];

    [Fact]
    public async Task ApiPredictAgreesWithAtLeast96PercentOfTheLabels()
    {
        var agreed = 0;
        foreach (var (m, species) in Rows)
        {
            var response = await iris.Gateway.PostAsJsonAsync("/api/predict",
                new { sepalLength = m[0], sepalWidth = m[1], petalLength = m[2], petalWidth = m[3] });
            response.EnsureSuccessStatusCode();
            var prediction = await response.Content.ReadFromJsonAsync<JsonElement>();
            agreed += prediction.GetProperty("species").GetString() == species ? 1 : 0;
        }

        Assert.Equal(150, Rows.Length);
        Assert.True(agreed >= 144, $"{agreed} of 150 agree with their labels");
    }

    [Fact]
    public async Task V2InferThroughGatewayAgreesWithAtLeast96PercentOfTheLabels()
    {
        var request = new
        {
            inputs = new[]
            {
                new { name = "input-0", shape = new[] { Rows.Length, 4 }, datatype = "FP32", data = Rows.SelectMany(r => r.Measurements).ToArray() },
            },
        };

        var response = await iris.Gateway.PostAsJsonAsync("/v2/models/iris/infer", request);

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var species = body.GetProperty("outputs").EnumerateArray()
            .Single(o => o.GetProperty("name").GetString() == "species")
            .GetProperty("data").EnumerateArray().Select(s => s.GetString()).ToArray();
        var agreed = species.Zip(Rows, (predicted, row) => predicted == row.Species).Count(same => same);
        Assert.True(agreed >= 144, $"{agreed} of 150 agree with their labels");
    }

    [Fact]
    public async Task V2ServerAnswersThroughGatewayUnchanged()
    {
        var ready = await iris.Gateway.GetFromJsonAsync<JsonElement>("/v2/health/ready");
        var model = await iris.Gateway.GetFromJsonAsync<JsonElement>("/v2/models/iris");

        Assert.True(ready.GetProperty("ready").GetBoolean());
        Assert.Equal("iris", model.GetProperty("name").GetString());
    }
}
