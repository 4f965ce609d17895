using Iris.Predictor.Prediction;

namespace Iris.Predictor.Tests.Prediction.Validation;

/// <summary>
/// The hand-written check of the common path (<see cref="PredictRequest.FollowsTheRules"/>) says yes
/// exactly when the validation attributes find nothing wrong: a flower it let through unchecked would
/// be scored, one it stopped wrongly would get an empty error list.
/// </summary>
public sealed class RuleAgreementTests
{
    private static readonly double?[] Values =
    [
        null, double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1, -0.0, 0, double.Epsilon, 1e-40, 0.1,
        5.1, 99.999, 100, 100.00000000001, 100.5, 1e300,
    ];

    [Fact]
    public void TheCommonPathCheckAgreesWithTheAttributesOnEveryMeasurement()
    {
        foreach (var value in Values)
        {
            foreach (var position in Enumerable.Range(0, 4))
            {
                var request = new PredictRequest
                {
                    SepalLength = position == 0 ? value : 5.1,
                    SepalWidth = position == 1 ? value : 3.5,
                    PetalLength = position == 2 ? value : 1.4,
                    PetalWidth = position == 3 ? value : 0.2,
                };

                var errors = AttributeValidation.Errors(request);

                Assert.True(request.FollowsTheRules == (errors.Count == 0), $"{request}: FollowsTheRules {request.FollowsTheRules}, attributes found {errors.Count} errors");
            }
        }
    }
}
