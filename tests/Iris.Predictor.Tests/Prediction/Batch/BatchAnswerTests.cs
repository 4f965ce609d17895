using System.Globalization;
using System.Net;
using System.Text.Json;
using Iris.Predictor.Tests.Infrastructure;

namespace Iris.Predictor.Tests.Prediction.Batch;

/// <summary>
/// The batch writer's bytes against the serializer's: every prediction of a batch is, byte for byte,
/// the answer <c>POST /predict</c> gives for that flower, warnings included.
/// </summary>
public sealed class BatchAnswerTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EachPredictionIsByteForByteTheSingleAnswerForThatFlower()
    {
        // Fisher's 150 rows, then flowers far outside the training data, which draw warnings.
        var flowers = TestData.Rows.Select(row => new[] { row.Flower.SepalLength, row.Flower.SepalWidth, row.Flower.PetalLength, row.Flower.PetalWidth }
            .Select(value => value.ToString("R", CultureInfo.InvariantCulture)).ToArray())
            .Concat([["4", "4", "4", "4"], ["99", "99", "99", "99"], ["1e-40", "0.5", "100", "2e1"]])
            .ToList();
        // Alternate the two instance shapes.
        var instances = flowers.Select((f, i) => i % 2 == 0
            ? $"[{string.Join(',', f)}]"
            : $$"""{"sepalLength":{{f[0]}},"sepalWidth":{{f[1]}},"petalLength":{{f[2]}},"petalWidth":{{f[3]}}}""");

        var response = await _client.PostJsonAsync("/predict/batch", $$"""{"instances":[{{string.Join(',', instances)}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var predictions = (await response.ReadJsonAsync()).GetProperty("predictions").EnumerateArray().Select(p => p.GetRawText()).ToList();
        Assert.Equal(flowers.Count, predictions.Count);
        var warned = 0;
        for (var i = 0; i < flowers.Count; i++)
        {
            var f = flowers[i];
            var single = await _client.PostJsonAsync("/predict", $$"""{"sepalLength":{{f[0]}},"sepalWidth":{{f[1]}},"petalLength":{{f[2]}},"petalWidth":{{f[3]}}}""");
            Assert.Equal(await single.Content.ReadAsStringAsync(), predictions[i]);
            warned += predictions[i].Contains("\"warnings\"", StringComparison.Ordinal) ? 1 : 0;
        }
        Assert.Equal(3, warned);
    }

    [Fact]
    public async Task TheSerializersSpellingsStillScoreThroughTheFullReading()
    {
        // Not the fast reader's shape (a byte-order mark, another casing, an escaped name), but JSON the
        // serializer has always accepted.
        foreach (var body in new[]
        {
            "\uFEFF{\"instances\":[[5.1,3.5,1.4,0.2]]}",
            """{"Instances":[[5.1,3.5,1.4,0.2]]}""",
            """{"\u0069nstances":[{"SepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}]}""",
        })
        {
            var response = await _client.PostJsonAsync("/predict/batch", body);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("setosa", Assert.Single((await response.ReadJsonAsync()).GetProperty("predictions").EnumerateArray()).GetProperty("species").GetString());
        }
    }
}
