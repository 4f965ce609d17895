using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Iris.Predictor.Tests.Infrastructure;

public static class SampleFlowers
{
    public static object Virginica => ExampleFlowers.Virginica;

    public static object Setosa { get; } = new { sepalLength = 5.1, sepalWidth = 3.5, petalLength = 1.4, petalWidth = 0.2 };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PredictAsync(this HttpClient client, object flower) =>
        client.PostAsJsonAsync("/predict", flower);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
