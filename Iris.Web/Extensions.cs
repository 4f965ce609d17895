using Iris.Web.Flowers;
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
        builder.Services.AddSingleton<TrainingFlowers>();
    }
}
