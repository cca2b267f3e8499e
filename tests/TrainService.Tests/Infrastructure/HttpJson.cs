using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrainService.Contracts.Json;

namespace TrainService.Tests.Infrastructure;

public static class HttpJson
{
    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ContractJson.Options))!;

    /// <summary>The <c>errors</c> member of a ValidationProblem body, keyed by JSON path.</summary>
    public static async Task<Dictionary<string, string[]>> ReadValidationErrorsAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
