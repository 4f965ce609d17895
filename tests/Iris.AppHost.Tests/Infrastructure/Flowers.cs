using System.Net.Http.Json;

namespace Iris.AppHost.Tests.Infrastructure;

public static class Flowers
{
    /// <summary>Rows 101 and 51 of Fisher's data.</summary>
    public static object Virginica { get; } = new { sepalLength = 6.3, sepalWidth = 3.3, petalLength = 6.0, petalWidth = 2.5 };

    public static object Versicolor { get; } = new { sepalLength = 7.0, sepalWidth = 3.2, petalLength = 4.7, petalWidth = 1.4 };

    public static Task<HttpResponseMessage> PredictThroughGatewayAsync(this HttpClient gateway, object flower) =>
        gateway.PostAsJsonAsync("/api/predict", flower);
}
