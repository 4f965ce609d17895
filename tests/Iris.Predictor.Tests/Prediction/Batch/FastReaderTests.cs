using System.Text;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Iris.Predictor.Flowers;
using Iris.Predictor.Prediction;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Tests.Prediction.Batch;

/// <summary>
/// The fast reader of <c>POST /predict/batch</c> against the full reading (the serializer with the API's
/// options, then the validation attributes) over a corpus of good and bad bodies: it never accepts a body
/// the full reading refuses, it reads the same measurements, and it does take the common shapes.
/// </summary>
public sealed class FastReaderTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
{
    private const string Good = "[5.1,3.5,1.4,0.2]";
    private const string GoodObject = """{"sepalLength":7.0,"sepalWidth":3.2,"petalLength":4.7,"petalWidth":1.4}""";

    private static readonly string[] ArrayRows =
    [
        "[]", "[5.1]", "[5.1,3.5,1.4]", "[5.1,3.5,1.4,0.2,9]", "[[5.1,3.5,1.4,0.2]]", """["5.1",3.5,1.4,0.2]""", "[null,3.5,1.4,0.2]",
        "[true,3.5,1.4,0.2]", "[5.1,3.5,1.4,{}]", "[0,3.5,1.4,0.2]", "[-1,3.5,1.4,0.2]", "[100,3.5,1.4,0.2]", "[100.0001,3.5,1.4,0.2]",
        "[100.00000000001,1,1,1]", "[1e400,3.5,1.4,0.2]", "[1e-400,3.5,1.4,0.2]", "[-0,3.5,1.4,0.2]", "[NaN,3.5,1.4,0.2]", "[5,3,1,0.2]",
        "[5e0,35E-1,0.14e1,2e-1]", "[05,3.5,1.4,0.2]", "[.5,3.5,1.4,0.2]", "[5.1000000000000001,3.5,1.4,0.2]", "[4,4,4,4]", "[99,99,99,99]",
        "[1e-40,1e-40,1e-40,1e-40]", "[5.1,3.5,1.4,0.2,]", "[5.1 3.5 1.4 0.2]", "null", "true", "\"x\"", "1", "{}", "[1,1,1,1]/*x*/", " [ 1 , 1 , 1 , 1 ] ",
    ];

    private static readonly string[] ObjectRows =
    [
        "{}", """{"sepalLength":5.1}""", """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2,"colour":"blue"}""",
        """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2,"sepalLength":6}""",
        """{"SepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""",
        """{"s\u0065palLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""",
        """{"petalWidth":0.2,"petalLength":1.4,"sepalWidth":3.5,"sepalLength":5.1}""",
        """{"sepalLength":null,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""",
        """{"sepalLength":"5","sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2}""",
        """{"sepalLength":5.1,"sepalWidth":0,"petalLength":1.4,"petalWidth":0.2}""",
        """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":[0.2]}""",
        """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4,"petalWidth":0.2,}""",
        """{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4}""",
        """{ "sepalLength" : 5.1 , "sepalWidth" : 3.5 , "petalLength" : 1.4 , "petalWidth" : 0.2 }""",
    ];

    private static readonly Func<string, string>[] Wrappers =
    [
        rows => $$"""{"instances":[{{rows}}]}""",
        rows => $$"""{"Instances":[{{rows}}]}""",
        rows => $$"""{"instances":[{{rows}}],"extra":1}""",
        rows => $$"""{"extra":1,"instances":[{{rows}}]}""",
        rows => $$"""{"instances":[{{rows}}],"instances":[{{rows}}]}""",
        rows => $$"""{"instances":[{{rows}}]} x""",
        rows => $$""" {"instances":[{{rows}}]} """,
        rows => $$"""{"instances":[{{rows}}]}{}""",
        rows => $$"""[{{rows}}]""",
    ];

    public static IEnumerable<string> Corpus()
    {
        foreach (var row in ArrayRows.Concat(ObjectRows))
        {
            foreach (var rows in new[] { row, $"{Good},{row}", $"{row},{GoodObject}" })
            {
                foreach (var wrap in Wrappers)
                {
                    yield return wrap(rows);
                }
            }
        }
        yield return $$"""{"instances":[{{string.Join(',', Enumerable.Repeat(Good, BatchPredictRequest.MaxInstances))}}]}""";
        yield return $$"""{"instances":[{{string.Join(',', Enumerable.Repeat(Good, BatchPredictRequest.MaxInstances + 1))}}]}""";
        yield return """{"instances":[]}""";
        yield return """{"instances":null}""";
        yield return "{}";
        yield return "";
    }

    [Fact]
    public async Task TheFastReaderAcceptsOnlyWhatTheFullReadingAcceptsAndReadsTheSameRows()
    {
        var options = factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var fastReads = 0;
        foreach (var body in Corpus())
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var fast = new List<IrisMeasurements>();
            if (!BatchRequestReader.TryRead(bytes, fast))
            {
                continue;
            }
            fastReads++;

            var full = await BatchRequestBinder.BindAsync(JsonRequest(), bytes, options);
            Assert.Empty(BatchRequestBinder.Validate(full));
            Assert.Equal(full.Instances!.ConvertAll(instance => instance.ToMeasurements()), fast);
        }
        // The corpus's good bodies in the common shape: a reader that accepted nothing would pass the loop.
        Assert.True(fastReads >= 30, $"the fast reader took only {fastReads} bodies");
    }

    [Theory]
    [InlineData($$"""{"instances":[{{Good}}]}""")]
    [InlineData($$"""{"instances":[{{GoodObject}}]}""")]
    [InlineData("""{"instances":[{"petalWidth":0.2,"petalLength":1.4,"sepalWidth":3.5,"sepalLength":5.1},[5e0,35E-1,0.14e1,2e-1]]}""")]
    [InlineData(" \n{ \"instances\" : [ [ 5.1 , 3.5 , 1.4 , 0.2 ] ] }\n")]
    public void TheCommonShapesTakeTheFastReader(string body)
    {
        var flowers = new List<IrisMeasurements>();

        Assert.True(BatchRequestReader.TryRead(Encoding.UTF8.GetBytes(body), flowers));
        Assert.NotEmpty(flowers);
    }

    [Theory]
    [InlineData("""{"instances":[[0,3.5,1.4,0.2]]}""")]
    [InlineData("""{"instances":[[100.00000000001,1,1,1]]}""")]
    [InlineData("""{"instances":[[-0,1,1,1]]}""")]
    [InlineData("""{"instances":[{"sepalLength":5.1,"sepalWidth":3.5,"petalLength":1.4}]}""")]
    public async Task AnOutOfRangeOrMissingMeasurementIsLeftToTheValidationRules(string body)
    {
        var options = factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.False(BatchRequestReader.TryRead(bytes, []));
        Assert.NotEmpty(BatchRequestBinder.Validate(await BatchRequestBinder.BindAsync(JsonRequest(), bytes, options)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task NoBodyIsABadRequest(string body)
    {
        var options = factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

        await Assert.ThrowsAsync<BadHttpRequestException>(() => BatchRequestBinder.BindAsync(JsonRequest(), Encoding.UTF8.GetBytes(body), options));
    }

    /// <summary>A request as the endpoint receives it once routing has accepted its JSON content type.</summary>
    private static HttpRequest JsonRequest() => new DefaultHttpContext { Request = { ContentType = "application/json" } }.Request;
}
