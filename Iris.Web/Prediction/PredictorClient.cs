using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Iris.Web.History;
using Iris.Web.Infrastructure;
using Iris.Web.Model;

namespace Iris.Web.Prediction;

/// <summary>
/// Calls Iris.Predictor by service name. Every call degrades to a message or to nothing when the
/// predictor fails: the page shows what it can and says what it cannot.
/// </summary>
public sealed class PredictorClient(HttpClient http, ILogger<PredictorClient> logger)
{
    public async Task<PredictionOutcome> PredictAsync(MeasurementsForm flower, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/predict", flower, WebJsonContext.Default.MeasurementsForm, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var prediction = await response.Content.ReadFromJsonAsync(WebJsonContext.Default.SpeciesPrediction, cancellationToken);
                return prediction is null
                    ? PredictionOutcome.Failure(flower, "The predictor sent an empty answer. Please try again.")
                    : PredictionOutcome.Success(flower, prediction);
            }

            logger.LogWarning("The predictor answered {StatusCode}", (int)response.StatusCode);
            return (int)response.StatusCode is >= 400 and < 500
                ? PredictionOutcome.Failure(flower, "The predictor did not accept these measurements. Check that each is a number of centimetres.")
                : PredictionOutcome.Failure(flower, "The predictor is unavailable right now. Please try again in a moment.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The predictor could not be reached");
            return PredictionOutcome.Failure(flower, "The predictor is unavailable right now. Please try again in a moment.");
        }
    }

    /// <summary>The model card (version, cross-validated quality), or null when the predictor does not answer.</summary>
    public Task<ModelSummary?> GetModelAsync(CancellationToken cancellationToken = default) =>
        GetOrNullAsync("/model", WebJsonContext.Default.ModelSummary, cancellationToken);

    /// <summary>
    /// Predictions per species and the latest ones of all users, as of one moment (so the counts include
    /// every row shown), or null when the shared history is unavailable.
    /// </summary>
    public Task<PredictionSummary?> GetSummaryAsync(int limit, CancellationToken cancellationToken = default) =>
        GetOrNullAsync($"/predictions/summary?limit={limit}", WebJsonContext.Default.PredictionSummary, cancellationToken);

    private async Task<T?> GetOrNullAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync(type, cancellationToken);
            }
            logger.LogInformation("The predictor answered {StatusCode} for {Path}", (int)response.StatusCode, path);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The predictor could not answer {Path}: {Reason}", path, ex.Message);
        }
        return null;
    }
}
