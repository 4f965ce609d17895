using System.Net.Http.Json;
using Iris.Web.Infrastructure;

namespace Iris.Web.Prediction;

/// <summary>Calls Iris.Predictor by service name.</summary>
public sealed class PredictorClient(HttpClient http, ILogger<PredictorClient> logger)
{
    public async Task<PredictionOutcome> PredictAsync(FlowerForm flower, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/predict", flower, WebJsonContext.Default.FlowerForm, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var prediction = await response.Content.ReadFromJsonAsync(WebJsonContext.Default.SpeciesPrediction, cancellationToken);
                return prediction is null
                    ? PredictionOutcome.Failure("The predictor sent an empty answer. Please try again.")
                    : PredictionOutcome.Success(prediction);
            }

            logger.LogWarning("The predictor answered {StatusCode}", (int)response.StatusCode);
            return (int)response.StatusCode is >= 400 and < 500
                ? PredictionOutcome.Failure("The predictor did not accept these measurements. Check that each is a number of centimetres.")
                : PredictionOutcome.Failure("The predictor is unavailable right now. Please try again in a moment.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The predictor could not be reached");
            return PredictionOutcome.Failure("The predictor is unavailable right now. Please try again in a moment.");
        }
    }
}
