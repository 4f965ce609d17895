using Iris.Web.Flowers;
using Microsoft.Extensions.Http.Resilience;
using Iris.Web.Prediction;

namespace Iris.Web;

public static class Extensions
{
    /// <summary>The predictor's address by service name, resolved by service discovery (Aspire or Kubernetes DNS).</summary>
    public const string PredictorAddress = "http://predictor";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Static server rendering only: every page works without JavaScript.
        builder.Services.AddRazorComponents();

        builder.Services.AddHttpClient<PredictorClient>(client => client.BaseAddress = new Uri(PredictorAddress));

        // A person is waiting for the page: one quick retry, then say what is unavailable, instead of
        // the standard pipeline's three retries with backoff (about 15 s against a predictor that is down).
        // The service defaults add that pipeline to every client at once, so its options are named for
        // no client in particular ("-standard"); the predictor is the only service this app calls.
        builder.Services.Configure<HttpStandardResilienceOptions>("-standard", options =>
        {
            options.Retry.MaxRetryAttempts = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddSingleton<TrainingFlowers>();
    }
}
