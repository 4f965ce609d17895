using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Iris.Gateway.Tests.Infrastructure;

public static class Requests
{
    public static Task<HttpResponseMessage> PredictAsync(this HttpClient client) =>
        client.PostAsJsonAsync("/api/predict", ExampleFlowers.Virginica);

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
