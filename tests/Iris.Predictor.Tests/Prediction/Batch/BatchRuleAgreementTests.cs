using System.Text.Json;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Iris.Predictor.Prediction;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Tests.Prediction.Batch;

/// <summary>
/// The hand check of a <c>POST /predict/batch</c> body (<see cref="BatchPredictRequest.FollowsTheRules"/>)
/// says yes exactly when the validation attributes find nothing wrong, over a corpus of good and bad
/// bodies read by the serializer with the API's options: a batch it let through unchecked would be
/// scored, one it stopped wrongly would get an empty error list.
/// </summary>
public sealed class BatchRuleAgreementTests(PlainPredictor factory) : IClassFixture<PlainPredictor>
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
    public void TheHandCheckAgreesWithTheAttributesOnEveryBodyTheSerializerReads()
    {
        var options = factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var (following, breaking) = (0, 0);
        foreach (var body in Corpus())
        {
            BatchPredictRequest? batch;
            try
            {
                batch = JsonSerializer.Deserialize<BatchPredictRequest>(body, options);
            }
            catch (JsonException)
            {
                // Refused by the serializer, before any rule: the pinned answers hold those.
                continue;
            }
            if (batch is null)
            {
                continue;
            }

            var errors = batch.Errors();

            Assert.True(batch.FollowsTheRules == (errors.Count == 0), $"{body}: FollowsTheRules {batch.FollowsTheRules}, attributes found {errors.Count} errors");
            (following, breaking) = batch.FollowsTheRules ? (following + 1, breaking) : (following, breaking + 1);
        }
        // Both outcomes, many times: a check that said yes (or no) to everything would pass the loop.
        Assert.True(following >= 30 && breaking >= 30, $"{following} bodies followed the rules, {breaking} broke them");
    }
}
