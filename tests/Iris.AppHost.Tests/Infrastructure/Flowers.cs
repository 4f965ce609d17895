using System.Net.Http.Json;

namespace Iris.AppHost.Tests.Infrastructure;

public static class Flowers
{
    public static object Virginica => ExampleFlowers.Virginica;

    /// <summary>Row 1 of Fisher's data.</summary>
    public static object Setosa { get; } = new { sepalLength = 5.1, sepalWidth = 3.5, petalLength = 1.4, petalWidth = 0.2 };

    /// <summary>Row 51 of Fisher's data.</summary>
    public static object Versicolor { get; } = new { sepalLength = 7.0, sepalWidth = 3.2, petalLength = 4.7, petalWidth = 1.4 };

    public static Task<HttpResponseMessage> PredictThroughGatewayAsync(this HttpClient gateway, object flower) =>
        gateway.PostAsJsonAsync("/api/predict", flower);
}
