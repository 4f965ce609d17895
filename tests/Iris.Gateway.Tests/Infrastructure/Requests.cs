using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Iris.Gateway.Tests.Infrastructure;

public static class Requests
{
    public static object Virginica { get; } = new { sepalLength = 6.3, sepalWidth = 3.3, petalLength = 6.0, petalWidth = 2.5 };

    public static Task<HttpResponseMessage> PredictAsync(this HttpClient client) =>
        client.PostAsJsonAsync("/api/predict", Virginica);

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
